namespace Asclepius.TextMining.Core.Schema;

/// <summary>An entity label of a schema; <see cref="Lexicon"/> is a path relative to the data folder, when the label has one.</summary>
public sealed record EntityType(string Label, string Description = "", string? Lexicon = null);
