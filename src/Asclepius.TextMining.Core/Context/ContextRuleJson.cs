namespace Asclepius.TextMining.Core.Context;

/// <summary>One rule of a context rule file as read; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record ContextRuleJson(
    string? Literal, string? Category, string? Direction, int? MaxScope, IReadOnlyList<string?>? Terminates,
    IReadOnlyList<string?>? AllowedLabels, IReadOnlyList<string?>? ExcludedLabels, string? Comment);
