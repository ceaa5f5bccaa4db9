namespace Asclepius.TextMining.Core.Tagging;

/// <summary>The tags for a token sequence and the entities that could not be encoded.</summary>
public sealed record TagEncoding(string[] Tags, IReadOnlyList<AlignmentProblem> Problems);
