namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// What is wrong with a CSV record: an error code, a reason that never quotes the record's text, and whether
/// reading cannot go on (a quote never closed swallowed the rest of the file).
/// </summary>
public sealed record CsvProblem(string Code, string Reason, bool Fatal);
