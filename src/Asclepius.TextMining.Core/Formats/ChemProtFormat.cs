using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// ChemProt as shipped with SciBERT: JSON lines <c>{"text": "... &lt;&lt; ARG1 &gt;&gt; ... [[ ARG2 ]] ...", "label": "INHIBITOR", "metadata": []}</c>,
/// one line per related chemical–protein pair. The markers (with the space inside them) are removed; all lines
/// whose unmarked sentence is the same become one document "&lt;file stem&gt;-N" whose entities are the marked
/// arguments and whose relations are the lines' labels, directed Chemical → Gene.
/// <para>The markers give the order of the arguments, not their types ("&lt;&lt; Ang II &gt;&gt;" is a protein in one line,
/// "&lt;&lt; irbesartan &gt;&gt;" a chemical in the next). Types are therefore inferred: every ChemProt pair joins one
/// chemical and one gene, so the arguments of a sentence form a two-sided graph, and each connected part is
/// given the orientation that a lexical score (<see cref="ChemProtTypeGuess"/>) prefers. Metadata
/// "entity_types" = "inferred" says so. A line without both markers, or with markers that cross, is ATM101.</para>
/// The writer writes one line per relation, marking the earlier argument with &lt;&lt; &gt;&gt; and the later with [[ ]].
/// </summary>
public sealed class ChemProtFormat : ICorpusFormat
{
    public const string FormatName = "chemprot";
    public const string ChemicalLabel = "Chemical";
    public const string GeneLabel = "Gene";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (!Sniff.IsFile(path) || !Sniff.HasExtension(path, ".jsonl", ".json", ".txt")) return false;
        var first = Sniff.FirstLine(path);
        return first is not null && first.TrimStart().StartsWith('{') && first.Contains("<< ", StringComparison.Ordinal)
               && first.Contains("[[ ", StringComparison.Ordinal) && first.Contains("\"label\"", StringComparison.Ordinal);
    }

    /// <summary>One line: its sentence without markers, the two marked spans in it and the relation label.</summary>
    private sealed record Pair(string Text, TextSpan First, TextSpan Second, string Label, int Line);

    private sealed class Group(string text)
    {
        public string Text { get; } = text;
        public List<Pair> Pairs { get; } = new();
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var order = new List<Group>();
        foreach (var pair in new ProblemSink(path, options, report).LineRecords(ParseLine, "no documents (the file is empty)"))
        {
            if (!groups.TryGetValue(pair.Text, out var g))
            {
                groups[pair.Text] = g = new Group(pair.Text);
                order.Add(g);
            }
            g.Pairs.Add(pair);
        }

        var stem = Path.GetFileNameWithoutExtension(path);
        for (var i = 0; i < order.Count; i++)
            yield return Build(order[i], $"{stem}-{(i + 1).ToString(CultureInfo.InvariantCulture)}", report);
    }

    private static Pair ParseLine(string line, int n)
    {
        string marked, label;
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new RecordException(ErrorCodes.MalformedRecord, "expected a JSON object", n);
            if (!root.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                throw new RecordException(ErrorCodes.MalformedRecord, "no string \"text\"", n);
            if (!root.TryGetProperty("label", out var l) || l.ValueKind != JsonValueKind.String || l.GetString()!.Length == 0)
                throw new RecordException(ErrorCodes.MalformedRecord, "no string \"label\"", n);
            marked = t.GetString()!;
            label = l.GetString()!;
        }
        catch (JsonException e)
        {
            throw new RecordException(ErrorCodes.MalformedRecord, $"not valid JSON ({e.Message.Split(" Path:")[0]})", n);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json parses "\ud800" but cannot turn it into a string: a lone surrogate is not text.
            throw new RecordException(ErrorCodes.InvalidEncoding, JsonlFormat.LoneSurrogate, n);
        }
        var (text, first, second) = Unmark(marked, n);
        return new Pair(text, first, second, label, n);
    }

    /// <summary>The text without its markers and the two marked spans (first: "&lt;&lt; &gt;&gt;", second: "[[ ]]"); ATM101 when the markers are missing, cross or mark nothing.</summary>
    private static (string Text, TextSpan First, TextSpan Second) Unmark(string marked, int n)
    {
        var a = marked.IndexOf("<< ", StringComparison.Ordinal);
        var b = a < 0 ? -1 : marked.IndexOf(" >>", a + 3, StringComparison.Ordinal);
        var c = marked.IndexOf("[[ ", StringComparison.Ordinal);
        var d = c < 0 ? -1 : marked.IndexOf(" ]]", c + 3, StringComparison.Ordinal);
        if (a < 0 || b < 0) throw new RecordException(ErrorCodes.MalformedRecord, "no \"<< argument >>\" marker", n);
        if (c < 0 || d < 0) throw new RecordException(ErrorCodes.MalformedRecord, "no \"[[ argument ]]\" marker", n);
        int[] marks = [a, b, c, d];
        var sorted = marks.Order().ToArray();
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i] < sorted[i - 1] + 3) throw new RecordException(ErrorCodes.MalformedRecord, "argument markers overlap", n);
        // Arguments either follow each other or one holds the other; crossing markers are not a pair.
        var nested = (a < c && d < b) || (c < a && b < d);
        var disjoint = b < c || d < a;
        if (!nested && !disjoint) throw new RecordException(ErrorCodes.MalformedRecord, "argument markers cross", n);

        int Clean(int pos) => pos - 3 * marks.Count(m => m < pos);
        var text = string.Concat(
            marked.AsSpan(0, sorted[0]),
            marked.AsSpan(sorted[0] + 3, sorted[1] - sorted[0] - 3),
            marked.AsSpan(sorted[1] + 3, sorted[2] - sorted[1] - 3))
            + marked.Substring(sorted[2] + 3, sorted[3] - sorted[2] - 3) + marked[(sorted[3] + 3)..];
        var first = new TextSpan(Clean(a + 3), Clean(b));
        var second = new TextSpan(Clean(c + 3), Clean(d));
        if (first.Length == 0 || second.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty argument", n);
        return (text, first, second);
    }

    private static AnnotatedDocument Build(Group g, string id, ReadReport report)
    {
        // Entities are the distinct argument spans; edges are the lines.
        var spans = new List<TextSpan>();
        var index = new Dictionary<TextSpan, int>();
        int Node(TextSpan s)
        {
            if (!index.TryGetValue(s, out var i)) { i = spans.Count; spans.Add(s); index[s] = i; }
            return i;
        }
        var edges = g.Pairs.Select(p => (Node(p.First), Node(p.Second), p)).ToList();
        var adjacency = new List<int>[spans.Count];
        for (var i = 0; i < spans.Count; i++) adjacency[i] = new List<int>();
        foreach (var (x, y, _) in edges) { adjacency[x].Add(y); adjacency[y].Add(x); }

        // Two-colour each connected part, then orient it by the summed lexical score.
        var side = new int[spans.Count];
        Array.Fill(side, -1);
        var isGene = new bool[spans.Count];
        for (var s0 = 0; s0 < spans.Count; s0++)
        {
            if (side[s0] >= 0) continue;
            var members = new List<int>();
            var queue = new Queue<int>();
            side[s0] = 0;
            queue.Enqueue(s0);
            var bipartite = true;
            while (queue.Count > 0)
            {
                var v = queue.Dequeue();
                members.Add(v);
                foreach (var w in adjacency[v])
                {
                    if (side[w] < 0) { side[w] = 1 - side[v]; queue.Enqueue(w); }
                    else if (side[w] == side[v]) bipartite = false;
                }
            }
            if (!bipartite)
            {
                report.Count("chemprot: argument used as both chemical and gene in one sentence (typed one by one)");
                foreach (var v in members) isGene[v] = ChemProtTypeGuess.GeneScore(g.Text.Substring(spans[v].Start, spans[v].Length)) > 0;
                continue;
            }
            var score = 0;
            foreach (var v in members)
            {
                var sc = ChemProtTypeGuess.GeneScore(g.Text.Substring(spans[v].Start, spans[v].Length));
                score += side[v] == 1 ? sc : -sc;
            }
            // Tie: the part's first node is the chemical (chemicals come first slightly more often in ChemProt).
            var geneSide = score >= 0 ? 1 : 0;
            if (score == 0) report.Count("chemprot: argument types undecided by the lexical score (first argument taken as the chemical)");
            foreach (var v in members) isGene[v] = side[v] == geneSide;
        }

        var order = Enumerable.Range(0, spans.Count).OrderBy(i => spans[i].Start).ThenBy(i => spans[i].End).ToList();
        var ids = new string[spans.Count];
        var entities = new List<Entity>();
        foreach (var i in order)
        {
            ids[i] = "T" + (entities.Count + 1).ToString(CultureInfo.InvariantCulture);
            entities.Add(new Entity(ids[i], spans[i], isGene[i] ? GeneLabel : ChemicalLabel));
        }
        var relations = new List<Relation>();
        var seen = new HashSet<(string, int, int)>();
        foreach (var (x, y, p) in edges)
        {
            var (chem, gene) = isGene[x] && !isGene[y] ? (y, x) : (x, y);
            if (!seen.Add((p.Label, chem, gene))) { report.Count("chemprot: repeated line (kept once)"); continue; }
            relations.Add(new Relation("R" + (relations.Count + 1).ToString(CultureInfo.InvariantCulture), p.Label, ids[chem], ids[gene]));
        }
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["entity_types"] = "inferred" };
        return new AnnotatedDocument(new Document(id, g.Text, meta), entities, relations);
    }

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        using var lines = new JsonLinesWriter(path, WriterOptions);
        foreach (var doc in documents)
        {
            if (doc.Relations.Count == 0) report.Count("chemprot: document without relations not written (ChemProt lines are pairs)");
            foreach (var r in doc.Relations)
            {
                var h = doc.FindEntity(r.HeadId);
                var t = doc.FindEntity(r.TailId);
                if (h is null || t is null || h.Span.Overlaps(t.Span) && !(h.Span.Contains(t.Span) || t.Span.Contains(h.Span)))
                {
                    report.Count("chemprot: relation with a missing or crossing argument not written");
                    continue;
                }
                var (first, second) = h.Span.Start < t.Span.Start || (h.Span.Start == t.Span.Start && h.Span.End >= t.Span.End) ? (h, t) : (t, h);
                var marked = Mark(doc.Text, first.Span, second.Span);
                if (r.Label.Length == 0 || !ReadsBackAs(marked, doc.Text, first.Span, second.Span))
                {
                    // The reader finds the pair by its markers: a text holding "<< ", " ]]" ... itself, one span marked
                    // twice, or an empty label would be read as another pair or refused.
                    report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable,
                        $"relation {r.Id}: {(r.Label.Length == 0 ? "an empty label" : "the text holds a marker string itself, or both arguments are the same span")}; not written"));
                    continue;
                }
                lines.WriteLine(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("text", marked);
                    json.WriteString("label", r.Label);
                    json.WriteStartArray("metadata");
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }
        }
    }

    private static bool ReadsBackAs(string marked, string text, TextSpan first, TextSpan second)
    {
        try
        {
            var back = Unmark(marked, 0);
            return back.Text == text && back.First == first && back.Second == second;
        }
        catch (RecordException)
        {
            return false;
        }
    }

    private static string Mark(string text, TextSpan first, TextSpan second)
    {
        // Insert from the end so earlier positions stay valid. At one position the markers go in rank order:
        // the inner (second) argument closes, then the outer (first) closes, then the first opens, then the second.
        var inserts = new List<(int Pos, int Rank, string Mark)>
        {
            (first.Start, 2, "<< "), (first.End, 1, " >>"), (second.Start, 3, "[[ "), (second.End, 0, " ]]"),
        };
        var s = text;
        foreach (var (pos, _, mark) in inserts.OrderByDescending(x => x.Pos).ThenByDescending(x => x.Rank))
            s = s.Insert(pos, mark);
        return s;
    }
}
