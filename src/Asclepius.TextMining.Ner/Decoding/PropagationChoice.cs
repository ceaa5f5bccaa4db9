using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Ner.Decoding;

/// <summary>
/// Strict dev scores of the same predictions without <see cref="DocumentConsistency"/> propagation and with it at each
/// candidate minimum share (<see cref="MinShares"/>), and the choice: the best share, and propagation on only when that
/// scores higher than none (ties keep it off and the smaller share, as the token-window's tuner does).
/// </summary>
public sealed record PropagationChoice(DevScore Without, IReadOnlyList<(double MinShare, DevScore Score)> With)
{
    /// <summary>The shares tried: 0 marks every untagged occurrence; ½: only surfaces tagged at least as often as not.</summary>
    public static IReadOnlyList<double> MinShares { get; } = [0, 0.25, 0.5, 0.75];

    public (double MinShare, DevScore Score) Best => With.MaxBy(w => w.Score.F1);

    public bool Propagate => Best.Score.F1 > Without.F1;

    /// <summary>For a progress line or a log: the choice and the dev F1 it rests on.</summary>
    public string Describe() => Propagate
        ? $"propagation in document on, min share {Best.MinShare:0.##} (dev F1 {Without.F1:F4} without, {Best.Score.F1:F4} with)"
        : $"propagation in document off (dev F1 {Without.F1:F4} without, best with {Best.Score.F1:F4})";
}
