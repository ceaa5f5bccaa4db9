namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// A rendered prompt: the template it came from, its text, the style asked for, for relation prompts the
/// triples asked for in order, and the hard negatives it listed (words the answer must not label).
/// </summary>
public sealed record BuiltPrompt(PromptTemplate Template, string Text, WritingStyle? Style, IReadOnlyList<SeededTriple>? Triples,
    IReadOnlyList<string>? Negatives = null);
