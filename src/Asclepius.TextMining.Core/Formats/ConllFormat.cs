using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// CoNLL-style token files (BC5CDR's BIO files, CoNLL-2003): one token per line, the token first and the tag
/// last (columns split by tabs when the line has one, else by spaces; middle columns are ignored), a blank
/// line between sentences, and a line whose token is "-DOCSTART-" between documents.
/// <para>Reading: a document's text is its tokens joined by single spaces and its sentences joined by "\n";
/// entities are decoded from the tags with conlleval's chunk rules (BIO, BIOES and BILOU all read), so an I-
/// after O starts an entity (counted in the notes). Document ids are "&lt;file stem&gt;-N", or the file stem
/// when the file holds one document and no -DOCSTART-. Every -DOCSTART- opens a document, one with no token
/// line before the next -DOCSTART- (or the end) too: it is read as a document with empty text, so a corpus
/// with an empty note keeps its documents and their numbering through a round trip. A bad line (one column,
/// a malformed tag) skips its sentence in lenient mode; a document whose every sentence was skipped is not
/// returned (it is reported, not read as empty).</para>
/// <para>Writing: each document is tokenized with <see cref="ClinicalTokenizer"/> and tagged by
/// <see cref="TagCodec"/> ("token\ttag", BIO by default), preceded by "-DOCSTART-\tO" and a blank line.
/// Sentences end where the tokenizer ends them and at every line break, except inside an entity. An entity
/// off token boundaries, overlapping a longer one, or covering no token is left untagged and reported
/// (ATM112), never moved.</para>
/// </summary>
public sealed class ConllFormat : ICorpusFormat
{
    public const string FormatName = "conll";
    public const string DocStart = "-DOCSTART-";

    public ConllFormat(TagScheme scheme = TagScheme.Bio) => Scheme = scheme;

    /// <summary>The scheme the writer uses; the reader accepts any.</summary>
    public TagScheme Scheme { get; }

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (!Sniff.IsFile(path) || !Sniff.HasExtension(path, ".conll", ".conllx", ".bio", ".iob", ".iob2", ".bioes", ".bilou", ".tsv", ".txt")) return false;
        var lines = Sniff.FirstLines(path, 20);
        if (lines.Count == 0) return false;
        var tagged = 0;
        foreach (var l in lines)
        {
            var cols = Split(l);
            if (cols.Length < 2) return false;
            if (cols[0] == DocStart || IsTag(cols[^1])) tagged++;
            else return false;
        }
        return tagged == lines.Count;
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var sink = new ProblemSink(path, options, report);
        var reader = sink.OpenLines(path);
        if (reader is null) yield break;

        var stem = Path.GetFileNameWithoutExtension(path);
        using (reader)
        {
            var doc = new DocBuilder();
            var sentence = new List<(string Token, string Tag)>();
            RecordException? sentenceError = null;
            var sentenceLine = 0;
            var docCount = 0;
            var sawDocStart = false;
            // The document being read was opened by a -DOCSTART- and has had no token line yet (returned even if none comes).
            var openedEmpty = false;
            AnnotatedDocument? pending = null;
            var anyLine = false;

            while (true)
            {
                string? line;
                try
                {
                    line = reader.ReadLine();
                }
                catch (RecordException e)
                {
                    sentenceError ??= e.At(reader.LineNumber, null);
                    openedEmpty = false;
                    if (sentence.Count == 0) sentenceLine = reader.LineNumber;
                    sentence.Add(("", "O"));
                    continue;
                }
                var lineNo = reader.LineNumber;
                var end = line is null;
                var cols = end ? Array.Empty<string>() : Split(line!);
                if (!end && line!.Length > 0) anyLine = true;
                var isDocStart = cols.Length > 0 && cols[0] == DocStart;

                if (end || cols.Length == 0 || isDocStart)
                {
                    if (sentence.Count > 0)
                    {
                        if (sentenceError is not null) sink.Fail(sentenceError);
                        else doc.AddSentence(sentence, sentenceLine, report);
                        sentence.Clear();
                        sentenceError = null;
                    }
                    if ((end || isDocStart) && (doc.HasContent || openedEmpty))
                    {
                        docCount++;
                        var built = doc.Build($"{stem}-{docCount.ToString(CultureInfo.InvariantCulture)}", path);
                        doc = new DocBuilder();
                        if (pending is not null) yield return pending;
                        pending = built;
                    }
                    if (isDocStart) sawDocStart = openedEmpty = true;
                    if (end) break;
                    continue;
                }

                openedEmpty = false;
                if (sentence.Count == 0) sentenceLine = lineNo;
                if (sentenceError is null)
                {
                    if (cols.Length < 2)
                        sentenceError = new RecordException(ErrorCodes.MissingColumn, $"expected a token and a tag, found one column ({Clip(line!)})", lineNo);
                    else if (cols[0].Length == 0)
                        sentenceError = new RecordException(ErrorCodes.MalformedRecord, "empty token", lineNo);
                    else if (!IsTag(cols[^1]))
                        sentenceError = new RecordException(ErrorCodes.MalformedRecord, $"the last column ({Clip(cols[^1])}) is not a tag (O, or B-/I-/E-/S-/L-/U- and a type)", lineNo);
                }
                sentence.Add((cols[0], cols.Length > 1 ? cols[^1] : "O"));
            }

            if (pending is not null)
            {
                if (docCount == 1 && !sawDocStart)
                    pending = pending with { Document = pending.Document with { Id = stem } };
                yield return pending;
            }
            if (!anyLine) sink.Fail(ErrorCodes.EmptyInput, "no documents (the file is empty)");
        }
    }

    private sealed class DocBuilder
    {
        private readonly StringBuilder _text = new();
        private readonly List<Entity> _entities = new();
        private int _sentences;

        public bool HasContent => _sentences > 0;

        public void AddSentence(List<(string Token, string Tag)> sentence, int line, ReadReport report)
        {
            if (_sentences > 0) _text.Append('\n');
            _sentences++;
            var tokens = new Token[sentence.Count];
            var tags = new string[sentence.Count];
            for (var i = 0; i < sentence.Count; i++)
            {
                if (i > 0) _text.Append(' ');
                var start = _text.Length;
                _text.Append(sentence[i].Token);
                tokens[i] = new Token(i, new TextSpan(start, _text.Length), sentence[i].Token);
                tags[i] = sentence[i].Tag;
                var (prefix, type) = TagCodec.SplitTag(tags[i]);
                if (prefix is "I" or "E")
                {
                    var (pp, pt) = i > 0 ? TagCodec.SplitTag(tags[i - 1]) : ("O", "");
                    if (!(pp is "B" or "I" && pt == type))
                        report.Count("conll: I-/E- tag not continuing an entity of its type (read as a new entity, as conlleval does)");
                }
            }
            foreach (var span in TagCodec.Decode(tokens, tags))
                _entities.Add(new Entity("T" + (_entities.Count + 1).ToString(CultureInfo.InvariantCulture), span.Span, span.Label));
        }

        public AnnotatedDocument Build(string id, string path) =>
            new(new Document(id, _text.ToString(), new Dictionary<string, string> { ["file"] = Path.GetFileName(path) }), _entities);
    }

    private static string[] Split(string line)
    {
        if (line.Trim().Length == 0) return Array.Empty<string>();
        return line.Contains('\t')
            ? line.Split('\t', StringSplitOptions.TrimEntries)
            : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool IsTag(string tag)
    {
        if (tag == "O") return true;
        return tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I' or 'E' or 'S' or 'L' or 'U';
    }

    private static string Clip(string s) => Redaction.Length(s);

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        using var w = TextFiles.CreateWriter(path);
        var sb = new StringBuilder();
        var first = true;
        foreach (var doc in documents)
        {
            var tokenized = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var tokens = tokenized.Tokens;
            var encoding = TagCodec.Encode(tokens, doc.Entities, Scheme);
            foreach (var p in encoding.Problems)
            {
                report.Count(p.Kind switch
                {
                    AlignmentProblemKind.Misaligned => "conll: entity not on token boundaries (left untagged)",
                    AlignmentProblemKind.Overlapping => "conll: entity overlapping a longer one (left untagged)",
                    _ => "conll: entity covering no token (left untagged)",
                });
                report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable, p.Reason));
            }

            sb.Clear();
            if (!first) sb.Append('\n');
            first = false;
            sb.Append(DocStart).Append("\tO\n");
            if (tokens.Count == 0)
            {
                w.Write(sb);
                continue;
            }
            var ends = SentenceEnds(doc.Text, tokenized, encoding.Tags);
            sb.Append('\n');
            for (var t = 0; t < tokens.Count; t++)
            {
                sb.Append(tokens[t].Text).Append('\t').Append(encoding.Tags[t]).Append('\n');
                if (ends[t] && t < tokens.Count - 1) sb.Append('\n');
            }
            w.Write(sb);
        }
    }

    /// <summary>Token indexes after which a sentence ends: the splitter's ends and line breaks, never inside an entity.</summary>
    private static bool[] SentenceEnds(string text, TokenizedText tokenized, string[] tags)
    {
        var tokens = tokenized.Tokens;
        var ends = new bool[tokens.Count];
        foreach (var s in tokenized.Sentences)
            if (s.Tokens.Count > 0) ends[s.Tokens[^1].Index] = true;
        for (var t = 0; t + 1 < tokens.Count; t++)
        {
            if (!ends[t] && text.AsSpan(tokens[t].End, tokens[t + 1].Start - tokens[t].End).IndexOf('\n') >= 0) ends[t] = true;
            if (ends[t] && TagCodec.SplitTag(tags[t + 1]).Prefix is "I" or "E") ends[t] = false;
        }
        return ends;
    }
}
