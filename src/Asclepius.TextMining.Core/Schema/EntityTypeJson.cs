namespace Asclepius.TextMining.Core.Schema;

/// <summary>One entity type of a schema file as read; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record EntityTypeJson(
    string? Label, string? Description, string? Lexicon, IReadOnlyList<string?>? LexiconClasses, IReadOnlyList<string?>? LexiconExcludeClasses, string? Seeds);
