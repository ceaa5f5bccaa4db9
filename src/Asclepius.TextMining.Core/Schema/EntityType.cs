namespace Asclepius.TextMining.Core.Schema;

/// <summary>
/// An entity label of a schema. <see cref="Lexicon"/> is a path relative to the data folder, when the
/// label has one; <see cref="LexiconClasses"/> (only these) or <see cref="ExcludedLexiconClasses"/> (all
/// but these) restrict the label to entries of some classes of that lexicon (its third column).
/// <see cref="ModelChoosesSeeds"/>: the label has no lexicon on purpose ("seeds": "model"), so an LLM
/// prompt asks the model to pick its mentions.
/// </summary>
public sealed record EntityType(
    string Label,
    string Description = "",
    string? Lexicon = null,
    IReadOnlyList<string>? LexiconClasses = null,
    IReadOnlyList<string>? ExcludedLexiconClasses = null,
    bool ModelChoosesSeeds = false);
