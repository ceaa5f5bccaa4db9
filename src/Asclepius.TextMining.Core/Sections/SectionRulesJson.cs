namespace Asclepius.TextMining.Core.Sections;

/// <summary>A section rule file as read (<see cref="SectionRuleSet"/> gives the layout); values are checked after reading.</summary>
internal sealed record SectionRulesJson(string? Format, int? Version, string? Description, IReadOnlyList<SectionJson?>? Sections, IReadOnlyList<string?>? Subheaders);
