namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>A rendered prompt: the template it came from, its text, the style asked for and, for relation prompts, the triples asked for in order.</summary>
public sealed record BuiltPrompt(PromptTemplate Template, string Text, WritingStyle? Style, IReadOnlyList<SeededTriple>? Triples);
