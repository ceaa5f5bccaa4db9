namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>One style of styles.json as read; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record StyleJson(string? Id, string? Name, string? Description, string? Example);
