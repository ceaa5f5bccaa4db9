namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>A clinical register to write in (discharge summary, radiology report, ...), from data/styles/styles.json.</summary>
public sealed record WritingStyle(string Id, string Name, string Description, string? Example = null);
