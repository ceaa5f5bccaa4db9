namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>One CSV record: its fields, the 1-based line it starts on, and what is wrong with it, if anything.</summary>
public sealed record CsvRecord(IReadOnlyList<string> Fields, int Line, CsvProblem? Problem);
