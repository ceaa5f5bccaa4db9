namespace Asclepius.TextMining.Core.Context;

/// <summary>A context rule file as read (<see cref="ContextRuleSet"/> gives the layout); values are checked after reading.</summary>
internal sealed record ContextRulesJson(string? Format, int? Version, string? Description, int? MaxScope, IReadOnlyList<ContextRuleJson?>? Rules);
