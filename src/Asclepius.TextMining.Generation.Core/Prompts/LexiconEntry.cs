namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>One lexicon line: a preferred name, its variants (abbreviations, brands, plurals) and a class.</summary>
public sealed record LexiconEntry(string Name, IReadOnlyList<string> Variants, string Class);
