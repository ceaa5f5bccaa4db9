using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// Plain notes in a CSV file (RFC 4180; quoted fields may span lines; UTF-8). The first record is the header.
/// The text column is <see cref="ReadOptions.TextColumn"/>, else the first present of
/// <see cref="TextColumnNames"/>; the id column is <see cref="ReadOptions.IdColumn"/>, else the first present of
/// <see cref="IdColumnNames"/>, else the 1-based row number. A named column that is absent, or a row whose
/// column count differs from the header's, is ATM110 (the message lists the columns present). All other
/// columns go to metadata. Texts over <see cref="ReadOptions.MaxDocumentChars"/> are ATM109; NUL bytes and
/// invalid UTF-8 are ATM104; each error names the line where its row starts.
/// The writer writes "id,text" and then every metadata key met, quoting where needed, "\n" line ends.
/// </summary>
public sealed class CsvFormat : ICorpusFormat
{
    public const string FormatName = "csv";

    public static readonly IReadOnlyList<string> TextColumnNames =
        ["text", "note_text", "note", "transcription", "report_text", "report", "body", "content", "sentence", "document"];

    public static readonly IReadOnlyList<string> IdColumnNames =
        ["id", "note_id", "document_id", "doc_id", "report_id", "record_id", "row_id", "synth_id", "patient_uid", "patient_id", "pmid"];

    public string Name => FormatName;

    public bool Detect(string path) => Sniff.IsFile(path) && Sniff.HasExtension(path, ".csv");

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var sink = new ProblemSink(path, options, report);
        var lines = sink.OpenLines(path);
        if (lines is null) yield break;

        using (lines)
        {
            var csv = new CsvRecordReader(lines);
            List<string> header;
            int textCol, idCol;
            try
            {
                var first = csv.Read() ?? throw new RecordException(ErrorCodes.EmptyInput, "no header and no rows (the file is empty)");
                if (first.Problem is { } p) throw new RecordException(p.Code, p.Reason, first.Line);
                header = first.Fields.Select(h => h.Trim()).ToList();
                textCol = Column(header, options.TextColumn, TextColumnNames, "text");
                idCol = options.IdColumn is null ? Find(header, IdColumnNames) : Column(header, options.IdColumn, IdColumnNames, "id");
            }
            catch (RecordException e)
            {
                // Without a usable header nothing else in the file can be read.
                sink.Fail(e.At(1, null));
                yield break;
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var row = 0;
            while (true)
            {
                AnnotatedDocument? doc = null;
                try
                {
                    var record = csv.Read();
                    if (record is null) break;
                    if (record.Problem is { } p)
                    {
                        // Not counted as a row: row numbers (the ids of a file without an id column) count readable records.
                        sink.Fail(new RecordException(p.Code, p.Reason, record.Line));
                        if (p.Fatal) break;
                        continue;
                    }
                    row++;
                    var fields = record.Fields;
                    if (fields.Count != header.Count)
                        throw new RecordException(ErrorCodes.MissingColumn, $"row {row} has {fields.Count} column(s); the header has {header.Count} ({Redaction.Columns(header)})", csv.RecordLine);
                    var id = idCol >= 0 ? fields[idCol].Trim() : row.ToString(CultureInfo.InvariantCulture);
                    if (id.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, $"row {row} has an empty '{header[idCol]}'", csv.RecordLine);
                    var text = fields[textCol];
                    if (text.Length > options.MaxDocumentChars)
                        throw new RecordException(ErrorCodes.InputTooLarge, $"row {row}: text has {text.Length:N0} characters, over the limit of {options.MaxDocumentChars:N0}", csv.RecordLine, id);
                    if (!ids.Add(id)) throw new RecordException(ErrorCodes.DuplicateId, $"id '{id}' appears twice", csv.RecordLine, id);
                    if (text.Trim().Length == 0) report.Count("csv: empty text");
                    var meta = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var c = 0; c < header.Count; c++)
                        if (c != textCol && c != idCol) meta.TryAdd(header[c], fields[c]);
                    doc = new AnnotatedDocument(new Document(id, text, meta));
                }
                catch (RecordException e)
                {
                    sink.Fail(e.At(csv.RecordLine, null));
                }
                if (doc is not null) yield return doc;
            }
        }
    }

    private static int Find(List<string> header, IReadOnlyList<string> names)
    {
        foreach (var n in names)
        {
            var i = header.FindIndex(h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return i;
        }
        return -1;
    }

    private static int Column(List<string> header, string? chosen, IReadOnlyList<string> defaults, string what)
    {
        if (chosen is not null)
        {
            var i = header.FindIndex(h => string.Equals(h, chosen, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
                throw new RecordException(ErrorCodes.MissingColumn, $"no {what} column '{chosen}'; columns present: {Redaction.Columns(header)}", 1);
            return i;
        }
        var found = Find(header, defaults);
        if (found < 0)
            throw new RecordException(ErrorCodes.MissingColumn,
                $"no {what} column (looked for {string.Join(", ", defaults)}); name one with the {what}-column option; columns present: {Redaction.Columns(header)}", 1);
        return found;
    }

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        var docs = documents as IReadOnlyList<AnnotatedDocument> ?? documents.ToList();
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "id", "text" };
        foreach (var d in docs)
            foreach (var k in d.Document.Meta.Keys)
                if (seen.Add(k)) keys.Add(k);
        if (docs.Any(d => d.Entities.Count > 0)) report.Count("csv: entities and relations not written (CSV holds plain notes)");
        // The reader trims column names and ids (exports often pad them): say so where that changes what was written.
        if (keys.Any(k => k.Trim() != k)) report.Count("csv: metadata key with leading or trailing spaces (read back trimmed)");
        foreach (var d in docs.Where(d => d.Id.Trim() != d.Id || d.Id.Length == 0))
            report.Add(new ReadProblem(path, null, d.Id, ErrorCodes.NotRepresentable, "an empty id, or one with leading or trailing spaces: readers trim ids, so it is read back changed or refused"));

        using var w = TextFiles.CreateWriter(path);
        var sb = new StringBuilder();
        sb.Append("id,text");
        foreach (var k in keys) sb.Append(',').Append(Quote(k));
        sb.Append('\n');
        w.Write(sb);
        foreach (var d in docs)
        {
            sb.Clear();
            sb.Append(Quote(d.Id)).Append(',').Append(Quote(d.Text));
            foreach (var k in keys) sb.Append(',').Append(Quote(d.Document.Meta.GetValueOrDefault(k) ?? ""));
            sb.Append('\n');
            w.Write(sb);
        }
    }

    private static string Quote(string s)
    {
        if (s.Length > 0 && s.AsSpan().IndexOfAny(",\"\r\n") < 0 && s[0] != ' ' && s[^1] != ' ') return s;
        if (s.Length == 0) return s;
        return "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
