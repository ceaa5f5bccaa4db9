using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// BioBERT's masked relation TSV (GAD, EU-ADR): one sentence per line with the gene and the disease replaced
/// by <c>@GENE$</c> and <c>@DISEASE$</c>, and a 0/1 label.
/// <code>
/// train.tsv:  sentence\tlabel                      (no header)
/// test.tsv:   index\tsentence\tlabel              (header line "index\tsentence\tlabel")
/// </code>
/// Each line is a document (id = the index column, else the 1-based data line number) with two entities, the
/// spans of the masks (labels Gene and Disease), and when the label is 1 a relation "Association"
/// Gene → Disease. Metadata keeps "label" (and "index"). A line without exactly one of each mask, or with the
/// wrong number of columns (ATM110), is a bad record.
/// The writer writes one line per (Gene, Disease) entity pair of a document, masking both spans; label 1
/// when a relation joins them. It writes the header form when the first document has an "index".
/// </summary>
public sealed class BioBertTsvFormat : ICorpusFormat
{
    public const string FormatName = "biobert-tsv";
    public const string GeneMask = "@GENE$";
    public const string DiseaseMask = "@DISEASE$";
    public const string RelationLabel = "Association";
    private const string Header = "index\tsentence\tlabel";

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (!Sniff.IsFile(path) || !Sniff.HasExtension(path, ".tsv", ".txt")) return false;
        var lines = Sniff.FirstLines(path, 5);
        return lines.Any(l => l.Contains(GeneMask, StringComparison.Ordinal) || l.Contains(DiseaseMask, StringComparison.Ordinal));
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        bool? header = null;
        var dataLine = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        AnnotatedDocument? Parse(string line, int n)
        {
            if (header is null)
            {
                header = line.StartsWith("index\t", StringComparison.OrdinalIgnoreCase);
                if (header.Value)
                {
                    var h = line.Split('\t');
                    if (h.Length != 3)
                        throw new RecordException(ErrorCodes.MissingColumn, $"header has {h.Length} columns; expected \"index<TAB>sentence<TAB>label\"", n);
                    return null;
                }
            }
            dataLine++;
            var doc = ParseLine(line, header.Value, dataLine, n);
            if (!ids.Add(doc.Id))
                throw new RecordException(ErrorCodes.DuplicateId, $"document id '{doc.Id}' appears twice", n, doc.Id);
            return doc;
        }

        foreach (var doc in new ProblemSink(path, options, report).LineRecords(Parse, "no documents (the file is empty)"))
            yield return doc;
    }

    private static AnnotatedDocument ParseLine(string line, bool header, int dataLine, int lineNo)
    {
        var cols = line.Split('\t');
        var expected = header ? 3 : 2;
        if (cols.Length != expected)
            throw new RecordException(ErrorCodes.MissingColumn,
                $"{cols.Length} column(s); expected {expected} ({(header ? "index, sentence, label" : "sentence, label")})", lineNo);
        var id = header ? cols[0] : dataLine.ToString(CultureInfo.InvariantCulture);
        if (id.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty index", lineNo);
        var text = cols[^2];
        var label = cols[^1].Trim();
        if (label.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty label", lineNo, id);

        var gene = FindOnly(text, GeneMask, lineNo, id);
        var disease = FindOnly(text, DiseaseMask, lineNo, id);
        var entities = new List<Entity>
        {
            new("T1", new TextSpan(gene, gene + GeneMask.Length), "Gene"),
            new("T2", new TextSpan(disease, disease + DiseaseMask.Length), "Disease"),
        };
        var relations = label == "1" ? new[] { new Relation("R1", RelationLabel, "T1", "T2") } : Array.Empty<Relation>();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["label"] = label };
        if (header) meta["index"] = cols[0];
        return new AnnotatedDocument(new Document(id, text, meta), entities, relations);
    }

    private static int FindOnly(string text, string mask, int line, string id)
    {
        var at = text.IndexOf(mask, StringComparison.Ordinal);
        if (at < 0) throw new RecordException(ErrorCodes.MalformedRecord, $"no {mask} in the sentence", line, id);
        if (text.IndexOf(mask, at + mask.Length, StringComparison.Ordinal) >= 0)
            throw new RecordException(ErrorCodes.MalformedRecord, $"more than one {mask} in the sentence", line, id);
        return at;
    }

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        using var w = TextFiles.CreateWriter(path);
        bool? header = null;
        var index = 0;
        var sb = new StringBuilder();
        foreach (var doc in documents)
        {
            header ??= doc.Document.Meta.ContainsKey("index");
            if (header.Value && index == 0) w.Write(Header + "\n");
            var genes = doc.Entities.Where(e => e.Label.Equals("Gene", StringComparison.OrdinalIgnoreCase)).ToList();
            var diseases = doc.Entities.Where(e => e.Label.Equals("Disease", StringComparison.OrdinalIgnoreCase)).ToList();
            if (genes.Count == 0 || diseases.Count == 0)
            {
                report.Count("biobert-tsv: document without a Gene and a Disease entity not written");
                continue;
            }
            var single = genes.Count == 1 && diseases.Count == 1;
            foreach (var g in genes)
            {
                foreach (var d in diseases)
                {
                    if (g.Span.Overlaps(d.Span))
                    {
                        report.Count("biobert-tsv: overlapping Gene and Disease not written");
                        continue;
                    }
                    var related = doc.Relations.Any(r => (r.HeadId == g.Id && r.TailId == d.Id) || (r.HeadId == d.Id && r.TailId == g.Id));
                    var label = related ? "1"
                        : single && doc.Document.Meta.TryGetValue("label", out var l) && l != "1" ? l
                        : "0";
                    var text = TextFiles.Flatten(Mask(doc.Text, g.Span, d.Span), out var changed);
                    if (Count(text, GeneMask) != 1 || Count(text, DiseaseMask) != 1)
                    {
                        // The reader finds the pair by its masks: a text that already holds one would be read wrong or refused.
                        report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable, $"the text holds {GeneMask} or {DiseaseMask} itself, so the pair cannot be masked; not written"));
                        continue;
                    }
                    if (changed) report.Count("biobert-tsv: tab or line break in text (replaced by a space)");
                    sb.Clear();
                    if (header.Value)
                    {
                        var id = single && doc.Document.Meta.TryGetValue("index", out var ix) ? ix : index.ToString(CultureInfo.InvariantCulture);
                        sb.Append(TextFiles.Flatten(id, out _)).Append('\t');
                    }
                    sb.Append(text).Append('\t').Append(TextFiles.Flatten(label, out _)).Append('\n');
                    w.Write(sb);
                    index++;
                }
            }
        }
    }

    private static int Count(string text, string mask)
    {
        var n = 0;
        for (var i = text.IndexOf(mask, StringComparison.Ordinal); i >= 0; i = text.IndexOf(mask, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string Mask(string text, TextSpan gene, TextSpan disease)
    {
        var (first, firstMask, second, secondMask) = gene.Start < disease.Start
            ? (gene, GeneMask, disease, DiseaseMask)
            : (disease, DiseaseMask, gene, GeneMask);
        return new StringBuilder(text.Length + 16)
            .Append(text, 0, first.Start).Append(firstMask)
            .Append(text, first.End, second.Start - first.End).Append(secondMask)
            .Append(text, second.End, text.Length - second.End).ToString();
    }
}
