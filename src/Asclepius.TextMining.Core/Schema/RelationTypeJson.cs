namespace Asclepius.TextMining.Core.Schema;

/// <summary>One relation type of a schema file as read; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record RelationTypeJson(string? Label, string? Description, IReadOnlyList<IReadOnlyList<string?>?>? Pairs);
