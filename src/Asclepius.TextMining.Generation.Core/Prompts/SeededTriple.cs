namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// One item of a relation prompt: the text must state <see cref="Relation"/> from the head to the tail,
/// or, when Relation is null (a NONE item), mention both with no relation between them.
/// </summary>
public sealed record SeededTriple(string? Relation, string Head, string HeadLabel, string Tail, string TailLabel);
