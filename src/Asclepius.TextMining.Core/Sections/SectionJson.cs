namespace Asclepius.TextMining.Core.Sections;

/// <summary>One section of a section rule file as read; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record SectionJson(
    string? Name, string? Title, string? Loinc, int? OmopConceptId, IReadOnlyList<string?>? Aliases, IReadOnlyList<string?>? Assertions, string? Comment);
