using System.Security.Cryptography;
using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// A CSV (or TSV) table of notes with a header row (RFC 4180 quoting; a quoted field may span lines and
/// keeps its line ends exactly). The text column is --text-column, else "text" or "note_text"; the id column
/// is --id-column, else "note_id" or "id", else an id derived from the note's content (<see cref="ContentId"/>):
/// row numbers would change when a row is inserted, and a resumed run would then skip a new note and label an
/// old one again, while a content id stays with its note wherever the row moves. A record with the wrong
/// number of fields, invalid UTF-8 or an oversized text is reported with the line it starts on; reading goes
/// on with the next record. Memory stays bounded even when a quote is never closed.
/// </summary>
public sealed class CsvNoteReader : LineFileNoteReader
{
    private readonly string? _idColumn;
    private readonly string? _textColumn;
    private readonly char _delimiter;

    /// <summary>
    /// Columns taken for the note text and id when none is named, matched exactly. Narrower than the corpus
    /// format's lists (<see cref="Core.Formats.CsvFormat.IdColumnNames"/>) on purpose: ids here key resumed runs
    /// and NOTE_NLP rows, so only a column that names a note is taken (never a patient or row id, which many
    /// notes share), and a table without one gets content ids that stay with their note.
    /// </summary>
    public static readonly IReadOnlyList<string> TextColumnNames = ["text", "note_text"];

    /// <inheritdoc cref="TextColumnNames"/>
    public static readonly IReadOnlyList<string> IdColumnNames = ["note_id", "id"];

    public CsvNoteReader(string path, string? idColumn = null, string? textColumn = null, int maxChars = NoteText.DefaultMaxChars, char? delimiter = null)
        : base(path, maxChars)
    {
        _idColumn = idColumn;
        _textColumn = textColumn;
        _delimiter = delimiter ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',');
    }

    public override IEnumerable<NoteInput> Read(CancellationToken cancellationToken = default)
    {
        var cap = (int)Math.Min(int.MaxValue / 4, 2L * MaxChars + (1 << 20));
        using var lines = OpenLines(3 * cap);
        var parser = new CsvRecordReader(lines, _delimiter, cap, strictQuotes: false);
        string[]? header = null;
        int textIndex = -1, idIndex = -1;
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = parser.Read();
            if (record is null) break;
            if (header is null)
            {
                if (record.Problem is not null)
                    throw new TextMiningException(ErrorCodes.MalformedRecord, $"the header row is unreadable: {record.Problem.Reason}", $"{Source}:{record.Line}");
                header = record.Fields.Select((f, i) => i == 0 ? f.TrimStart('\uFEFF').Trim() : f.Trim()).ToArray();
                textIndex = Resolve(header, _textColumn, TextColumnNames, "text", "--text-column");
                idIndex = _idColumn is null && !header.Any(IdColumnNames.Contains) ? -1 : Resolve(header, _idColumn, IdColumnNames, "id", "--id-column");
                continue;
            }
            var id = idIndex < 0 ? null : (idIndex < record.Fields.Count ? record.Fields[idIndex].Trim() : null);
            if (record.Problem is { } p)
            {
                yield return Bad(id, record.Line, p.Code, p.Reason);
                if (p.Fatal) yield break;
                continue;
            }
            if (record.Fields.Count != header.Length)
            {
                yield return Bad(id, record.Line, ErrorCodes.MissingColumn, $"the record has {record.Fields.Count} fields, the header has {header.Length}");
                continue;
            }
            if (idIndex < 0)
            {
                id = ContentId(record.Fields[textIndex]);
                var n = occurrences[id] = occurrences.GetValueOrDefault(id) + 1;
                if (n > 1) id = $"{id}-{n}";
            }
            else if (string.IsNullOrEmpty(id))
            {
                yield return Bad(null, record.Line, ErrorCodes.MalformedRecord, $"the id column '{header[idIndex]}' is empty");
                continue;
            }
            yield return Note(id, record.Fields[textIndex], record.Line);
        }
        if (header is null) throw new TextMiningException(ErrorCodes.EmptyInput, "the CSV file is empty (no header row)", Source);
    }

    /// <summary>
    /// The id of a note in a table without an id column: "sha256-" and the first 16 hex digits of the
    /// SHA-256 of its text (UTF-8). A text that occurs again gets "-2", "-3", ... in reading order.
    /// </summary>
    public static string ContentId(string text) =>
        "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private int Resolve(string[] header, string? asked, IReadOnlyList<string> defaults, string what, string option)
    {
        if (asked is not null)
        {
            var i = Array.IndexOf(header, asked);
            if (i < 0) throw new TextMiningException(ErrorCodes.MissingColumn, $"no column '{asked}' ({option}); the columns: {Redaction.Columns(header)}", Source);
            return i;
        }
        foreach (var d in defaults)
        {
            var i = Array.IndexOf(header, d);
            if (i >= 0) return i;
        }
        throw new TextMiningException(ErrorCodes.MissingColumn, $"cannot tell which column holds the note {what}; pass {option} (the columns: {Redaction.Columns(header)})", Source);
    }
}
