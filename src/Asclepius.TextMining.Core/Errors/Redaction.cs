using System.Text.Json;
using System.Text.RegularExpressions;

namespace Asclepius.TextMining.Core.Errors;

/// <summary>
/// How messages speak of input content without quoting it: a note's text, a mention, a line of a corpus
/// file may hold patient data, and messages reach consoles, logs and error reports. Messages give lengths,
/// offsets, line numbers and ids instead; column names are listed only when they look like a header.
/// </summary>
public static partial class Redaction
{
    /// <summary>"12 characters": what a message says instead of quoting a value from the input.</summary>
    public static string Length(string? value) => value is null ? "no value" : $"{value.Length:N0} character{(value.Length == 1 ? "" : "s")}";

    /// <summary>
    /// The column names for a message ("id, text"), or a sentence saying the first row is not a header when
    /// any field does not look like a column name (a first row of data would otherwise be printed).
    /// </summary>
    public static string Columns(IReadOnlyList<string> header) =>
        header.Count > 0 && header.All(LooksLikeColumnName)
            ? string.Join(", ", header)
            : $"the first row ({header.Count} field(s)) does not look like a header, so it is not shown; the file needs a header row naming its columns";

    /// <summary>Where a JSON parser stopped, without the text it quotes: "line 1, byte 17".</summary>
    public static string Position(JsonException ex) =>
        ex.LineNumber is { } line ? $"line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}" : "position unknown";

    private static bool LooksLikeColumnName(string field) =>
        field.Length is > 0 and <= 32 && ColumnName().IsMatch(field) && !DigitRun().IsMatch(field);

    // A letter or underscore first; letters, digits and a few separators; at most four words.
    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_.\-#/]*( [\p{L}\p{N}_.\-#/]+){0,3}$")]
    private static partial Regex ColumnName();

    // Four digits in a row read as a record number or a date, which a column name seldom holds.
    [GeneratedRegex(@"\p{N}{4}")]
    private static partial Regex DigitRun();
}
