using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// BRAT standoff: a folder of <c>name.txt</c> + <c>name.ann</c> pairs (or one such pair named by either file).
/// <code>
/// T1\tLabel START END\tmention            text-bound annotation (offsets in characters of name.txt)
/// T2\tLabel 0 5;10 15\tmen tion           discontinuous: skipped and counted (see below)
/// R1\tLabel Arg1:T1 Arg2:T2               relation, head = first argument, tail = second
/// A1\tNegated T1   /   A1\tAssertion T1 negated      attributes that name an assertion flag set it
/// E, N, *, #, other attributes            counted in the report's notes, otherwise ignored
/// </code>
/// Policies. Discontinuous spans are skipped, never replaced by their covering span (that would label the
/// words between the pieces); relations and attributes that point at a skipped entity are skipped too;
/// all of it is counted in <see cref="ReadReport.Notes"/>. BRAT counts offsets in Unicode code points;
/// they are converted to UTF-16 offsets when the text holds characters outside the BMP. A .txt without
/// .ann is a document with no annotations; an .ann without .txt is an error. A bad line skips its document
/// in lenient mode. The writer (BratFormat.Writer.cs) writes T, R and A (assertion) lines; concept ids are not written.
/// </summary>
public sealed partial class BratFormat : ICorpusFormat
{
    public const string FormatName = "brat";

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (Directory.Exists(path)) return Sniff.FolderHas(path, "*.ann");
        if (!Sniff.IsFile(path)) return false;
        if (Sniff.HasExtension(path, ".ann")) return true;
        return Sniff.HasExtension(path, ".txt") && File.Exists(Path.ChangeExtension(path, ".ann"));
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var folderSink = new ProblemSink(path, options, report);
        List<(string Stem, string? Txt, string? Ann)> pairs;
        try
        {
            pairs = Pairs(path);
        }
        catch (TextMiningException e)
        {
            folderSink.FailFile(e);
            yield break;
        }
        if (pairs.Count == 0)
        {
            folderSink.Fail(ErrorCodes.EmptyInput, "no .txt/.ann files");
            yield break;
        }

        foreach (var (stem, txt, ann) in pairs)
        {
            if (txt is null)
            {
                new ProblemSink(ann!, options, report).Fail(ErrorCodes.MalformedRecord, $"no {stem}.txt beside the .ann file", null, stem);
                continue;
            }
            string text;
            try
            {
                text = TextFiles.ReadAllStrict(txt, options.MaxDocumentChars);
            }
            catch (RecordException e)
            {
                new ProblemSink(txt, options, report).Fail(e.At(null, stem));
                continue;
            }
            if (ann is null)
            {
                report.Count("brat: .txt without .ann (document with no annotations)");
                yield return new AnnotatedDocument(new Document(stem, text, Meta(txt)));
                continue;
            }
            var sink = new ProblemSink(ann, options, report);
            AnnotatedDocument? doc = null;
            try
            {
                doc = ParseAnn(ann, stem, text, Meta(txt), report);
            }
            catch (RecordException e)
            {
                sink.Fail(e.At(null, stem));
            }
            catch (TextMiningException e)
            {
                sink.FailFile(e);
            }
            if (doc is not null) yield return doc;
        }
    }

    private static Dictionary<string, string> Meta(string txt) => new() { ["file"] = Path.GetFileName(txt) };

    private static List<(string Stem, string? Txt, string? Ann)> Pairs(string path)
    {
        if (File.Exists(path))
        {
            var txt = Path.ChangeExtension(path, ".txt");
            var ann = Path.ChangeExtension(path, ".ann");
            return [(Path.GetFileNameWithoutExtension(path), File.Exists(txt) ? txt : null, File.Exists(ann) ? ann : null)];
        }
        if (!Directory.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "no such file or folder", path);
        var byStem = new SortedDictionary<string, (string? Txt, string? Ann)>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(path))
        {
            var ext = Path.GetExtension(f);
            var stem = Path.GetFileNameWithoutExtension(f);
            byStem.TryGetValue(stem, out var cur);
            if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase)) byStem[stem] = (f, cur.Ann);
            else if (ext.Equals(".ann", StringComparison.OrdinalIgnoreCase)) byStem[stem] = (cur.Txt, f);
        }
        return byStem.Select(kv => (kv.Key, kv.Value.Txt, kv.Value.Ann)).ToList();
    }

    private static AnnotatedDocument ParseAnn(string annPath, string id, string text, Dictionary<string, string> meta, ReadReport report)
    {
        var offsets = new CodePointOffsets(text);
        var entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        var order = new List<string>();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        var relations = new List<Relation>();
        var relationIds = new HashSet<string>(StringComparer.Ordinal);
        var pendingRelations = new List<(string Id, string Label, string Head, string Tail, int Line)>();
        var pendingAttributes = new List<(string Name, string Target, string? Value, int Line)>();

        using var reader = new Utf8LineReader(annPath);
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            var n = reader.LineNumber;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split('\t');
            var annId = fields[0];
            if (annId.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "line does not start with an annotation id", n);
            switch (annId[0])
            {
                case 'T':
                {
                    if (fields.Length < 3)
                        throw new RecordException(ErrorCodes.MalformedRecord, $"T line needs 3 tab-separated fields (id, 'Label start end', text), found {fields.Length}", n);
                    var parts = fields[1].Split(' ', 2);
                    if (parts.Length < 2 || parts[0].Length == 0)
                        throw new RecordException(ErrorCodes.MalformedRecord, $"T line needs 'Label start end', found a value of {Clip(fields[1])}", n);
                    if (entities.ContainsKey(annId) || skipped.Contains(annId))
                        throw new RecordException(ErrorCodes.DuplicateId, $"annotation id '{annId}' appears twice", n);
                    var ranges = parts[1].Split(';');
                    var fragments = ranges.Select(range => ParseRange(range, offsets, n)).ToArray(); // a bad discontinuous line is an error too
                    if (!JoinedByLineBreaks(text, fragments))
                    {
                        skipped.Add(annId);
                        report.Count("brat: discontinuous entity skipped");
                        continue;
                    }
                    // Fragments split only at line breaks (as BRAT requires, and as our writer splits) are one entity.
                    var span = new TextSpan(fragments[0].Start, fragments[^1].End);
                    var surface = string.Join('\t', fields.Skip(2));
                    var slice = text.Substring(span.Start, span.Length);
                    if (slice != surface && TextFiles.Flatten(slice, out _) != surface && FragmentsText(text, fragments) != surface)
                        throw new RecordException(ErrorCodes.TextMismatch, $"{annId} text ({Clip(surface)}) differs from the text at {span} ({Clip(slice)})", n);
                    entities[annId] = new Entity(annId, span, parts[0]);
                    order.Add(annId);
                    break;
                }
                case 'R':
                {
                    if (fields.Length < 2) throw new RecordException(ErrorCodes.MalformedRecord, "R line needs 'Label Arg1:T1 Arg2:T2'", n);
                    var parts = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 3)
                        throw new RecordException(ErrorCodes.MalformedRecord, $"R line needs 'Label Arg1:T1 Arg2:T2', found a value of {Clip(fields[1])}", n);
                    if (!relationIds.Add(annId)) throw new RecordException(ErrorCodes.DuplicateId, $"annotation id '{annId}' appears twice", n);
                    pendingRelations.Add((annId, parts[0], ArgumentId(parts[1], n), ArgumentId(parts[2], n), n));
                    break;
                }
                case 'A':
                case 'M':
                {
                    if (fields.Length < 2) throw new RecordException(ErrorCodes.MalformedRecord, "attribute line needs 'Name Target [Value]'", n);
                    var parts = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2) throw new RecordException(ErrorCodes.MalformedRecord, $"attribute line needs 'Name Target [Value]', found a value of {Clip(fields[1])}", n);
                    pendingAttributes.Add((parts[0], parts[1], parts.Length > 2 ? parts[2] : null, n));
                    break;
                }
                default:
                    report.Count($"brat: '{(annId[0] == '#' ? "#" : annId[0].ToString())}' lines ignored");
                    break;
            }
        }

        foreach (var (rid, label, head, tail, n) in pendingRelations)
        {
            if (skipped.Contains(head) || skipped.Contains(tail))
            {
                report.Count("brat: relation to a skipped discontinuous entity skipped");
                continue;
            }
            if (!entities.ContainsKey(head)) throw new RecordException(ErrorCodes.DanglingReference, $"{rid} names '{head}', which is not a T annotation of this file", n);
            if (!entities.ContainsKey(tail)) throw new RecordException(ErrorCodes.DanglingReference, $"{rid} names '{tail}', which is not a T annotation of this file", n);
            relations.Add(new Relation(rid, label, head, tail));
        }

        foreach (var (name, target, value, n) in pendingAttributes)
        {
            if (skipped.Contains(target)) { report.Count("brat: attribute of a skipped discontinuous entity skipped"); continue; }
            if (!entities.TryGetValue(target, out var e))
            {
                if (target.Length > 0 && target[0] is 'E' or 'R') { report.Count("brat: attribute of an event or relation ignored"); continue; }
                throw new RecordException(ErrorCodes.DanglingReference, $"attribute {name} names '{target}', which is not a T annotation of this file", n);
            }
            var flag = AssertionOf(value ?? name);
            if (flag == Assertions.None) { report.Count($"brat: attribute '{name}' is not an assertion flag (ignored)"); continue; }
            entities[target] = e with { Assertions = e.Assertions | flag };
        }

        return new AnnotatedDocument(new Document(id, text, meta), order.Select(k => entities[k]).ToList(), relations);
    }

    private static string? ReadLine(Utf8LineReader reader)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (RecordException e)
        {
            throw e.At(reader.LineNumber, null);
        }
    }

    private static string ArgumentId(string arg, int line)
    {
        var colon = arg.IndexOf(':');
        if (colon < 0 || colon == arg.Length - 1)
            throw new RecordException(ErrorCodes.MalformedRecord, $"a relation argument ({Clip(arg)}) is not Role:Id", line);
        return arg[(colon + 1)..];
    }

    /// <summary>True when the fragments are in order and only line-break characters lie between them.</summary>
    private static bool JoinedByLineBreaks(string text, TextSpan[] fragments)
    {
        for (var i = 1; i < fragments.Length; i++)
        {
            if (fragments[i].Start < fragments[i - 1].End) return false;
            for (var k = fragments[i - 1].End; k < fragments[i].Start; k++)
                if (text[k] is not ('\n' or '\r')) return false;
        }
        return true;
    }

    /// <summary>The surface BRAT writes for fragments: their texts joined by a space.</summary>
    private static string FragmentsText(string text, TextSpan[] fragments) =>
        string.Join(' ', fragments.Select(f => text.Substring(f.Start, f.Length)));

    private static TextSpan ParseRange(string range, CodePointOffsets offsets, int line)
    {
        var se = range.Trim().Split(' ');
        if (se.Length != 2
            || !int.TryParse(se[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(se[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var end))
            throw new RecordException(ErrorCodes.MalformedRecord, $"offsets ({Clip(range)}) are not 'start end'", line);
        if (start < 0 || end < start || end > offsets.CodePointLength)
            throw new RecordException(ErrorCodes.OffsetsOutOfRange, $"offsets [{start},{end}) do not fit in a text of {offsets.CodePointLength} characters", line);
        return new TextSpan(offsets.ToUtf16(start), offsets.ToUtf16(end));
    }

    private static Assertions AssertionOf(string word) => word.ToLowerInvariant() switch
    {
        "negated" or "negation" or "negative" or "absent" => Assertions.Negated,
        "uncertain" or "uncertainty" or "possible" or "speculated" or "hedged" => Assertions.Uncertain,
        "historical" or "history" => Assertions.Historical,
        "hypothetical" or "conditional" => Assertions.Hypothetical,
        "family" or "familymember" or "family_member" => Assertions.Family,
        _ => Assertions.None,
    };

    private static string Clip(string s) => Redaction.Length(s);

    /// <summary>Maps BRAT's code-point offsets to UTF-16 offsets and back; the identity when the text is all BMP.</summary>
    private sealed class CodePointOffsets
    {
        private readonly int[]? _utf16OfCodePoint;
        private readonly string _text;

        public CodePointOffsets(string text)
        {
            _text = text;
            var surrogates = 0;
            foreach (var c in text) if (char.IsHighSurrogate(c)) surrogates++;
            if (surrogates == 0)
            {
                CodePointLength = text.Length;
                return;
            }
            var map = new List<int>(text.Length + 1);
            for (var i = 0; i < text.Length; i++)
            {
                map.Add(i);
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            }
            map.Add(text.Length);
            _utf16OfCodePoint = map.ToArray();
            CodePointLength = _utf16OfCodePoint.Length - 1;
        }

        public int CodePointLength { get; }

        public int ToUtf16(int codePoint) => _utf16OfCodePoint is null ? codePoint : _utf16OfCodePoint[codePoint];

        public int ToCodePoints(int utf16)
        {
            if (_utf16OfCodePoint is null) return utf16;
            var i = Array.BinarySearch(_utf16OfCodePoint, utf16);
            return i >= 0 ? i : ~i; // inside a surrogate pair: the pair's code point
        }
    }
}
