namespace Asclepius.TextMining.Generation.Offline;

/// <summary>A relation a template states, between two entity slot keys ("Chemical:1" → "Disease:1").</summary>
public sealed record TemplateRelation(string Label, string Head, string Tail);
