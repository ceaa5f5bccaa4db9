using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Ner.Decoding;

/// <summary>
/// Strict dev scores of the same predictions without and with <see cref="DocumentConsistency"/> propagation, and the
/// choice: on only when it scores higher (a tie keeps it off, as the token-window's tuner does).
/// </summary>
public sealed record PropagationChoice(DevScore Without, DevScore With)
{
    public bool Propagate => With.F1 > Without.F1;
}
