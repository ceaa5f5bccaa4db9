namespace Asclepius.TextMining.Cli.Reports;

/// <summary>A titled set of score rows drawn as one bar chart and one table ("Entities (strict)", "Assertions").</summary>
public sealed record ScoreGroup(string Id, string Title, IReadOnlyList<ScoreRow> Rows, string? Note = null);
