using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// OMOP NOTE_NLP as CSV (RFC 4180, header row, UTF-8), one row per entity, ready for a CDM bulk load.
/// note_nlp_id runs 1, 2, ... across the file, continuing on resume; note_id as <see cref="OmopNoteId"/> says.
/// </summary>
public sealed class OmopCsvLabelWriter : AppendOnlyFileWriter
{
    private readonly DateTime _now = DateTime.UtcNow;
    private readonly NoteNlpOptions _options;

    public OmopCsvLabelWriter(string path, string nlpSystem, bool overwrite = false, NoteNlpOptions? options = null)
        : base(path, nlpSystem, "omop-csv", overwrite) => _options = options ?? NoteNlpOptions.Default;

    protected override byte[] Header() => Encoding.UTF8.GetBytes(string.Join(",", NoteNlpRow.Columns) + "\n");

    protected override (byte[] Bytes, int Rows) Encode(AnnotatedDocument document)
    {
        var rows = NoteNlpMapper.Map(document, NlpSystem, _now, _options);
        var sb = new StringBuilder();
        var id = RowsWritten;
        foreach (var r in rows)
        {
            id++;
            sb.Append(id.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(OmopNoteId.For(r.NoteId).ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.SectionConceptId.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Csv(r.Snippet ?? "")).Append(',')
              .Append(Csv(r.Offset)).Append(',')
              .Append(Csv(r.LexicalVariant)).Append(',')
              .Append(r.NoteNlpConceptId.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.NoteNlpSourceConceptId.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Csv(r.NlpSystem)).Append(',')
              .Append(r.NlpDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
              .Append(r.NlpDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
              .Append(r.TermExists).Append(',')
              .Append(Csv(r.TermTemporal)).Append(',')
              .Append(Csv(r.TermModifiers)).Append('\n');
        }
        return (Encoding.UTF8.GetBytes(sb.ToString()), rows.Count);
    }

    public static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
