namespace Asclepius.TextMining.Core.Evaluation;

public enum EntityMatchMode
{
    /// <summary>Same span (start and end) and same label.</summary>
    Strict,

    /// <summary>Overlapping spans (at least one character in common) and same label, matched one to one; see <see cref="EntityMatcher"/>.</summary>
    Lenient,
}
