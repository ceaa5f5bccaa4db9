namespace Asclepius.TextMining.Core.Tagging;

public enum AlignmentProblemKind
{
    /// <summary>An entity boundary falls inside a token: the entity is not tagged (never moved to a boundary).</summary>
    Misaligned,
    /// <summary>The entity overlaps a longer one and was dropped by the keep-longest policy.</summary>
    Overlapping,
    /// <summary>The entity covers no token (only whitespace, or outside the tokens given).</summary>
    Empty,
}
