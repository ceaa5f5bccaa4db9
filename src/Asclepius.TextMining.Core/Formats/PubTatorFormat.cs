using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// PubTator (BC5CDR, NCBI-disease). Layout, one block per document, blocks separated by a blank line:
/// <code>
/// PMID|t|title
/// PMID|a|abstract
/// PMID\tstart\tend\tmention\ttype\tconcept[\textra]     (offsets into title + " " + abstract)
/// PMID\tCID\tchemical-concept\tdisease-concept
/// </code>
/// The document text is title + " " + abstract (just the title when the abstract is missing or empty);
/// metadata "title_length" keeps the split for the writer. Mentions become entities T1..Tn in file order,
/// with the concept column kept verbatim in <see cref="Entity.Concept"/> (composite "D1|D2" and "-1" too); the
/// optional 7th column (individual mentions of a composite) is kept in metadata "pubtator_extra:Tn".
/// Relation lines become concept-level relations (HeadConcept/TailConcept) whose HeadId/TailId name the first
/// mention carrying the concept, preferring a Chemical head and a Disease tail; a concept no mention carries
/// is ATM107. A bad line skips its whole document in lenient mode: a half-annotated abstract would teach
/// a model that the missing mentions are not entities.
/// </summary>
public sealed class PubTatorFormat : ICorpusFormat
{
    public const string FormatName = "pubtator";
    public const string TitleLengthKey = "title_length";
    public const string ExtraKeyPrefix = "pubtator_extra:";

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (!Sniff.IsFile(path)) return false;
        var first = Sniff.FirstLine(path);
        if (first is null) return false;
        var bar = first.IndexOf('|');
        return bar > 0 && first.Length >= bar + 3 && (first[bar + 1] is 't' or 'a') && first[bar + 2] == '|'
               && first.AsSpan(0, bar).IndexOfAny(' ', '\t') < 0;
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var sink = new ProblemSink(path, options, report);
        var reader = sink.OpenLines(path);
        if (reader is null) yield break;

        using (reader)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            Block? block = null;
            var anyLine = false;
            while (true)
            {
                string? line;
                var lineNo = 0;
                AnnotatedDocument? done = null;
                try
                {
                    line = reader.ReadLine();
                    lineNo = reader.LineNumber;
                }
                catch (RecordException e)
                {
                    // An undecodable line poisons its document.
                    if (block is not null) block.Failed ??= e.At(reader.LineNumber, block.Id);
                    else sink.Fail(e.At(reader.LineNumber, null));
                    continue;
                }

                if (line is null)
                {
                    if (block is not null) done = Finish(block, sink, ids, options);
                    if (done is not null) yield return done;
                    break;
                }
                if (line.Length > 0) anyLine = true;

                if (line.Trim().Length == 0)
                {
                    if (block is not null) done = Finish(block, sink, ids, options);
                    block = null;
                    if (done is not null) yield return done;
                    continue;
                }

                var title = TryHeader(line, 't');
                if (title is not null)
                {
                    // A new title without a blank line before it still starts a new document.
                    if (block is not null) done = Finish(block, sink, ids, options);
                    block = new Block(title.Value.Id, title.Value.Text, lineNo);
                    if (done is not null) yield return done;
                    continue;
                }

                if (block is null)
                {
                    sink.Fail(ErrorCodes.MalformedRecord, $"expected a title line 'PMID|t|title', found a line of {Clip(line)}", lineNo);
                    block = new Block("", "", lineNo) { Failed = new RecordException(ErrorCodes.MalformedRecord, "(already reported)", lineNo), Reported = true };
                    continue;
                }
                if (block.Failed is not null) continue;

                try
                {
                    AddLine(block, line, lineNo);
                }
                catch (RecordException e)
                {
                    block.Failed = e.At(lineNo, block.Id);
                }
            }
            if (!anyLine) sink.Fail(ErrorCodes.EmptyInput, "no documents (the file is empty)");
        }
    }

    private sealed class Block(string id, string title, int line)
    {
        public string Id { get; } = id;
        public string Title { get; } = title;
        public int Line { get; } = line;
        public string? Abstract { get; set; }
        public List<(string[] Cols, int Line)> Mentions { get; } = new();
        public List<(string[] Cols, int Line)> Relations { get; } = new();
        public RecordException? Failed { get; set; }
        public bool Reported { get; set; }
    }

    private static (string Id, string Text)? TryHeader(string line, char kind)
    {
        var bar = line.IndexOf('|');
        if (bar <= 0 || line.Length < bar + 3 || line[bar + 1] != kind || line[bar + 2] != '|') return null;
        var id = line[..bar];
        if (id.AsSpan().IndexOfAny(' ', '\t') >= 0) return null;
        return (id, line[(bar + 3)..]);
    }

    private static void AddLine(Block block, string line, int lineNo)
    {
        var abs = TryHeader(line, 'a');
        if (abs is not null)
        {
            if (abs.Value.Id != block.Id)
                throw new RecordException(ErrorCodes.MalformedRecord, $"abstract line is for '{abs.Value.Id}' inside document '{block.Id}'");
            if (block.Abstract is not null) throw new RecordException(ErrorCodes.MalformedRecord, "a second abstract line");
            if (block.Mentions.Count > 0 || block.Relations.Count > 0)
                throw new RecordException(ErrorCodes.MalformedRecord, "abstract line after the annotations");
            block.Abstract = abs.Value.Text;
            return;
        }

        var cols = line.Split('\t');
        if (cols.Length < 4)
            throw new RecordException(ErrorCodes.MalformedRecord, $"expected a mention (PMID, start, end, text, type[, concept]) or relation (PMID, type, id, id) line with tabs, found {cols.Length} field(s)");
        if (cols[0] != block.Id)
            throw new RecordException(ErrorCodes.MalformedRecord, $"line is for document '{cols[0]}' inside document '{block.Id}'");
        if (IsInteger(cols[1]))
        {
            if (cols.Length < 5)
                throw new RecordException(ErrorCodes.MalformedRecord, $"mention line has {cols.Length} fields; expected PMID, start, end, text, type[, concept[, extra]]");
            block.Mentions.Add((cols, lineNo));
        }
        else
        {
            if (cols.Length > 4 && cols.Skip(4).Any(c => c.Length > 0))
                throw new RecordException(ErrorCodes.MalformedRecord, $"relation line has {cols.Length} fields; expected PMID, type, head concept, tail concept");
            if (cols[1].Length == 0 || cols[2].Length == 0 || cols[3].Length == 0)
                throw new RecordException(ErrorCodes.MalformedRecord, "relation line has an empty field");
            block.Relations.Add((cols, lineNo));
        }
    }

    private static bool IsInteger(string s) =>
        s.Length > 0 && (char.IsAsciiDigit(s[0]) || (s[0] == '-' && s.Length > 1 && char.IsAsciiDigit(s[1])));

    private static AnnotatedDocument? Finish(Block block, ProblemSink sink, HashSet<string> ids, ReadOptions options)
    {
        if (block.Failed is not null)
        {
            if (!block.Reported) sink.Fail(block.Failed);
            return null;
        }
        try
        {
            if (!ids.Add(block.Id))
                throw new RecordException(ErrorCodes.DuplicateId, $"document id '{block.Id}' appears twice", block.Line, block.Id);
            return Build(block, options);
        }
        catch (RecordException e)
        {
            sink.Fail(e.At(block.Line, block.Id));
            return null;
        }
    }

    private static AnnotatedDocument Build(Block block, ReadOptions options)
    {
        var text = string.IsNullOrEmpty(block.Abstract) ? block.Title : block.Title + " " + block.Abstract;
        if (text.Length > options.MaxDocumentChars)
            throw new RecordException(ErrorCodes.InputTooLarge, $"text has {text.Length:N0} characters, over the limit of {options.MaxDocumentChars:N0}", block.Line, block.Id);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TitleLengthKey] = block.Title.Length.ToString(CultureInfo.InvariantCulture),
        };

        var entities = new List<Entity>(block.Mentions.Count);
        foreach (var (cols, line) in block.Mentions)
        {
            if (!int.TryParse(cols[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(cols[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var end))
                throw new RecordException(ErrorCodes.MalformedRecord, $"offsets '{cols[1]}', '{cols[2]}' are not integers", line, block.Id);
            if (start < 0 || end < start || end > text.Length)
                throw new RecordException(ErrorCodes.OffsetsOutOfRange, $"mention offsets [{start},{end}) do not fit in a text of {text.Length} characters", line, block.Id);
            var surface = cols[3];
            if (!text.AsSpan(start, end - start).SequenceEqual(surface))
                throw new RecordException(ErrorCodes.TextMismatch, $"mention ({Clip(surface)}) differs from the text at [{start},{end})", line, block.Id);
            if (cols[4].Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "mention type is empty", line, block.Id);
            var id = "T" + (entities.Count + 1).ToString(CultureInfo.InvariantCulture);
            var concept = cols.Length > 5 && cols[5].Length > 0 ? cols[5] : null;
            entities.Add(new Entity(id, new TextSpan(start, end), cols[4], Concept: concept));
            if (cols.Length > 6) metadata[ExtraKeyPrefix + id] = string.Join('\t', cols.Skip(6));
        }

        var relations = new List<Relation>(block.Relations.Count);
        foreach (var (cols, line) in block.Relations)
        {
            var head = FirstWithConcept(entities, cols[2], "Chemical")
                ?? throw new RecordException(ErrorCodes.DanglingReference, $"{cols[1]} relation names concept '{cols[2]}' that no mention of the document carries", line, block.Id);
            var tail = FirstWithConcept(entities, cols[3], "Disease")
                ?? throw new RecordException(ErrorCodes.DanglingReference, $"{cols[1]} relation names concept '{cols[3]}' that no mention of the document carries", line, block.Id);
            var id = "R" + (relations.Count + 1).ToString(CultureInfo.InvariantCulture);
            relations.Add(new Relation(id, cols[1], head.Id, tail.Id, HeadConcept: cols[2], TailConcept: cols[3]));
        }

        return new AnnotatedDocument(new Document(block.Id, text, metadata), entities, relations);
    }

    private static Entity? FirstWithConcept(List<Entity> entities, string concept, string preferredLabel)
    {
        Entity? any = null;
        foreach (var e in entities)
        {
            if (!e.ConceptIds.Contains(concept)) continue;
            if (e.Label == preferredLabel) return e;
            any ??= e;
        }
        return any;
    }

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        using var w = TextFiles.CreateWriter(path);
        var first = true;
        var sb = new StringBuilder();
        foreach (var doc in documents)
        {
            if (!first) w.Write('\n');
            first = false;
            var id = TextFiles.Flatten(doc.Id, out var idChanged, '|', ' ');
            if (idChanged) report.Count("pubtator: document id with '|', tab, space or line break (replaced by spaces)");
            id = id.Replace(' ', '_');

            var text = TextFiles.Flatten(doc.Text, out var textChanged);
            if (textChanged) report.Count("pubtator: tab or line break in text (replaced by a space; offsets unchanged)");
            string title, abs;
            if (doc.Document.Meta.TryGetValue(TitleLengthKey, out var tl) && int.TryParse(tl, NumberStyles.None, CultureInfo.InvariantCulture, out var titleLength)
                && titleLength <= text.Length && (titleLength == text.Length || text[titleLength] == ' '))
            {
                title = text[..titleLength];
                abs = titleLength == text.Length ? "" : text[(titleLength + 1)..];
            }
            else
            {
                // No title/abstract split known: the whole text is the title, the abstract is empty.
                title = text;
                abs = "";
            }
            sb.Clear();
            sb.Append(id).Append("|t|").Append(title).Append('\n');
            sb.Append(id).Append("|a|").Append(abs).Append('\n');
            foreach (var e in doc.Entities)
            {
                var surface = TextFiles.Flatten(doc.TextOf(e), out _);
                sb.Append(id).Append('\t').Append(e.Span.Start.ToString(CultureInfo.InvariantCulture))
                  .Append('\t').Append(e.Span.End.ToString(CultureInfo.InvariantCulture))
                  .Append('\t').Append(surface).Append('\t').Append(Field(e.Label));
                if (e.Concept is not null || doc.Document.Meta.ContainsKey(ExtraKeyPrefix + e.Id))
                    sb.Append('\t').Append(Field(e.Concept ?? ""));
                if (doc.Document.Meta.TryGetValue(ExtraKeyPrefix + e.Id, out var extra))
                    sb.Append('\t').Append(extra);
                sb.Append('\n');
            }
            foreach (var r in doc.Relations)
            {
                var (head, tail) = Concepts(doc, r);
                if (head is null || tail is null)
                {
                    report.Count("pubtator: relation without concept ids not written (PubTator relations are between concepts)");
                    continue;
                }
                sb.Append(id).Append('\t').Append(Field(r.Label)).Append('\t').Append(Field(head)).Append('\t').Append(Field(tail)).Append('\n');
            }
            w.Write(sb);
        }
    }

    private static (string? Head, string? Tail) Concepts(AnnotatedDocument doc, Relation r)
    {
        if (r.IsConceptLevel) return (r.HeadConcept, r.TailConcept);
        var h = doc.FindEntity(r.HeadId)?.ConceptIds;
        var t = doc.FindEntity(r.TailId)?.ConceptIds;
        return (h is { Count: 1 } ? h[0] : null, t is { Count: 1 } ? t[0] : null);
    }

    private static string Field(string s) => TextFiles.Flatten(s, out _);

    private static string Clip(string s) => Redaction.Length(s);
}
