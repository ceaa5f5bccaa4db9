namespace Asclepius.TextMining.Core.Schema;

/// <summary>A schema file as read by <see cref="LabelSchema.Parse"/>; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record LabelSchemaJson(string? Name, int? Version, string? Description, IReadOnlyList<EntityTypeJson?>? Entities, IReadOnlyList<RelationTypeJson?>? Relations);
