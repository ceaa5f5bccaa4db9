using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// The NegEx / ConText test kit (Chapman lab, "Annotations 1-120"), in any of its three tab-separated layouts:
/// <code>
/// rsAnnotations:  header "line number\tCondition\tsentence\tnegation…"; number, condition, sentence, negation, temporality, experiencer
/// Annotations:    header "Report No.\tConcept\tSentence\tNegation"; sentence fields may be "quoted" with "" inside
/// genConText:     no header; number, note, phrase, sentence, negation, temporality, experiencer
/// </code>
/// Each row is a document (the sentence) with one entity labelled "Condition". The condition is matched in
/// the sentence case-insensitively and with any run of whitespace matching any other (the kit upper-cases
/// the target in the sentence and keeps line-wrap spaces in the phrase); when it occurs more than once the
/// upper-cased occurrence wins. A condition that is not in its sentence (11 rows of the kit, sentence-splitter
/// mistakes) leaves the document without the entity, counted in the notes; its labels stay in metadata.
/// <para>Assertions: Negated → Negated, Possible → Uncertain; Historical → Historical; "Not particular" →
/// Hypothetical (the kit's header names this class "hypothetical", and its rows are "return if …" instructions
/// and "as if …" conditionals, i.e. not asserted to have happened); "Family member" → Family. "Other"
/// experiencer gets no flag: Family would claim a relative, which "Other" does not say. The raw labels are kept
/// in metadata "negation", "temporality", "experiencer". Unknown label values are ATM101.</para>
/// The writer writes the rsAnnotations layout.
/// </summary>
public sealed class NegExFormat : ICorpusFormat
{
    public const string FormatName = "negex";
    public const string ConditionLabel = "Condition";
    private const string RsHeader = "line number\tCondition\tsentence\tnegation_status (negated, affirmed, possible)\ttemporality (historical, recent, hypothetical)\texperiencer (patient, other)";

    private enum Layout { Rs, Annotations, GenConText }

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (!Sniff.IsFile(path)) return false;
        var first = Sniff.FirstLine(path);
        return first is not null && LayoutOf(first, out _) is not null;
    }

    private static Layout? LayoutOf(string firstLine, out bool header)
    {
        header = true;
        if (firstLine.StartsWith("line number\t", StringComparison.OrdinalIgnoreCase)) return Layout.Rs;
        if (firstLine.StartsWith("Report No.\t", StringComparison.OrdinalIgnoreCase)) return Layout.Annotations;
        header = false;
        var cols = firstLine.Split('\t');
        if (cols.Length == 7 && IsNegation(cols[4]) && int.TryParse(cols[0], out _)) return Layout.GenConText;
        if (cols.Length == 6 && IsNegation(cols[3]) && int.TryParse(cols[0], out _)) return Layout.Rs;
        return null;
    }

    private static bool IsNegation(string s) => s.Trim().ToLowerInvariant() is "affirmed" or "negated" or "possible";

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var sink = new ProblemSink(path, options, report);
        Layout? layout = null;
        var dataRow = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        AnnotatedDocument? Parse(string line, int n)
        {
            if (layout is null)
            {
                layout = LayoutOf(line, out var header)
                    ?? throw new RecordException(ErrorCodes.MalformedRecord,
                        "not a NegEx/ConText kit: expected the header 'line number<TAB>Condition…' or 'Report No.<TAB>Concept…', or 7 tab-separated columns (genConText)", n)
                    { EndsFile = true }; // not this format at all: nothing more to read
                if (header) return null;
            }
            dataRow++;
            var doc = ParseRow(line, layout.Value, dataRow, n, path, report);
            if (!ids.Add(doc.Id))
                throw new RecordException(ErrorCodes.DuplicateId, $"row id '{doc.Id}' appears twice", n, doc.Id);
            return doc;
        }

        foreach (var doc in sink.LineRecords(Parse, "no rows (the file is empty)"))
            yield return doc;
        if (layout is not null && dataRow == 0) sink.Fail(ErrorCodes.EmptyInput, "a header but no rows");
    }

    private static AnnotatedDocument ParseRow(string line, Layout layout, int dataRow, int lineNo, string path, ReadReport report)
    {
        var cols = line.Split('\t');
        var expected = layout switch { Layout.Rs => 6, Layout.Annotations => 4, _ => 7 };
        if (cols.Length != expected)
            throw new RecordException(ErrorCodes.MissingColumn, $"{cols.Length} column(s); expected {expected} for the {layout} layout", lineNo);

        string id, condition, sentence, negation;
        string? temporality = null, experiencer = null, reportNo = null, note = null;
        switch (layout)
        {
            case Layout.Rs:
                (id, condition, sentence, negation, temporality, experiencer) = (cols[0].Trim(), cols[1], cols[2], cols[3], cols[4], cols[5]);
                break;
            case Layout.Annotations:
                reportNo = cols[0].Trim();
                id = dataRow.ToString(CultureInfo.InvariantCulture);
                (condition, sentence, negation) = (Unquote(cols[1]), Unquote(cols[2]), cols[3]);
                break;
            default:
                (id, note, condition, sentence, negation, temporality, experiencer) = (cols[0].Trim(), cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
                break;
        }
        if (id.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty row number", lineNo);
        if (condition.Trim().Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty condition", lineNo, id);
        if (sentence.Trim().Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty sentence", lineNo, id);

        var assertions = Assertions.None;
        assertions |= negation.Trim().ToLowerInvariant() switch
        {
            "affirmed" => Assertions.None,
            "negated" => Assertions.Negated,
            "possible" => Assertions.Uncertain,
            _ => throw new RecordException(ErrorCodes.MalformedRecord, $"negation '{negation}' is not one of Affirmed, Negated, Possible", lineNo, id),
        };
        if (temporality is not null)
        {
            assertions |= temporality.Trim().ToLowerInvariant() switch
            {
                "recent" => Assertions.None,
                "historical" => Assertions.Historical,
                "not particular" or "hypothetical" => Assertions.Hypothetical,
                _ => throw new RecordException(ErrorCodes.MalformedRecord, $"temporality '{temporality}' is not one of Recent, Historical, Not particular", lineNo, id),
            };
        }
        if (experiencer is not null)
        {
            assertions |= experiencer.Trim().ToLowerInvariant() switch
            {
                "patient" or "other" => Assertions.None,
                "family member" or "family" => Assertions.Family,
                _ => throw new RecordException(ErrorCodes.MalformedRecord, $"experiencer '{experiencer}' is not one of Patient, Family member, Other", lineNo, id),
            };
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["condition"] = condition,
            ["negation"] = negation.Trim(),
        };
        if (temporality is not null) meta["temporality"] = temporality.Trim();
        if (experiencer is not null) meta["experiencer"] = experiencer.Trim();
        if (reportNo is not null) meta["report"] = reportNo;
        if (note is not null && note.Trim().Length > 0) meta["note"] = note.Trim();

        var span = Locate(sentence, condition, report);
        var entities = span is { } s ? new[] { new Entity("T1", s, ConditionLabel, Assertions: assertions) } : Array.Empty<Entity>();
        if (span is null) report.Count("negex: condition not found in its sentence (document kept without the entity)");
        return new AnnotatedDocument(new Document(id, sentence, meta), entities);
    }

    private static string Unquote(string field)
    {
        var f = field;
        if (f.Length >= 2 && f[0] == '"' && f[^1] == '"') return f[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        return f;
    }

    /// <summary>Finds the condition: case-insensitive, whitespace runs match whitespace runs; upper-cased occurrences first.</summary>
    internal static TextSpan? Locate(string sentence, string condition, ReadReport report)
    {
        var words = condition.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        var found = Matches(sentence, words, minGap: 1);
        if (found.Count == 0) found = Matches(sentence, words, minGap: 0);
        if (found.Count == 0) return null;
        if (found.Count == 1) return found[0];
        report.Count("negex: condition found more than once in its sentence (took the upper-cased, else the first)");
        foreach (var s in found)
            if (IsUpper(sentence.AsSpan(s.Start, s.Length)) && AtWordBoundary(sentence, s)) return s;
        foreach (var s in found)
            if (AtWordBoundary(sentence, s)) return s;
        return found[0];
    }

    private static List<TextSpan> Matches(string sentence, string[] words, int minGap)
    {
        var result = new List<TextSpan>();
        for (var i = 0; i < sentence.Length; i++)
        {
            var end = MatchAt(sentence, i, words, minGap);
            if (end > 0) result.Add(new TextSpan(i, end));
        }
        return result;
    }

    private static int MatchAt(string s, int i, string[] words, int minGap)
    {
        var p = i;
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                var gap = 0;
                while (p < s.Length && char.IsWhiteSpace(s[p])) { p++; gap++; }
                if (gap < minGap) return -1;
            }
            var word = words[w];
            if (p + word.Length > s.Length) return -1;
            if (!s.AsSpan(p, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)) return -1;
            p += word.Length;
        }
        return p;
    }

    private static bool IsUpper(ReadOnlySpan<char> s)
    {
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters++;
        }
        return letters > 0;
    }

    private static bool AtWordBoundary(string s, TextSpan span) =>
        (span.Start == 0 || !char.IsLetterOrDigit(s[span.Start - 1])) && (span.End == s.Length || !char.IsLetterOrDigit(s[span.End]));

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        using var w = TextFiles.CreateWriter(path);
        w.Write(RsHeader + "\n");
        var number = 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var doc in documents)
        {
            var sentence = TextFiles.Flatten(doc.Text, out var changed);
            if (changed) report.Count("negex: tab or line break in a sentence (replaced by a space)");
            var meta = doc.Document.Meta;
            if (doc.Entities.Count == 0)
            {
                if (!meta.TryGetValue("condition", out var condition))
                {
                    report.Count("negex: document without a condition not written");
                    continue;
                }
                number++;
                var id = RowId(meta.ContainsKey("negation") ? doc.Id : null, number, used, report);
                Row(sb, id, condition, sentence, meta.GetValueOrDefault("negation") ?? "Affirmed",
                    meta.GetValueOrDefault("temporality") ?? "Recent", meta.GetValueOrDefault("experiencer") ?? "Patient");
                w.Write(sb);
                continue;
            }
            foreach (var e in doc.Entities)
            {
                number++;
                var id = RowId(doc.Entities.Count == 1 ? doc.Id : null, number, used, report);
                var negation = (e.Assertions & Assertions.Negated) != 0 ? "Negated" : (e.Assertions & Assertions.Uncertain) != 0 ? "Possible" : "Affirmed";
                var temporality = (e.Assertions & Assertions.Historical) != 0 ? "Historical" : (e.Assertions & Assertions.Hypothetical) != 0 ? "Not particular" : "Recent";
                var experiencer = (e.Assertions & Assertions.Family) != 0 ? "Family member"
                    : doc.Entities.Count == 1 && meta.GetValueOrDefault("experiencer") is "Other" ? "Other" : "Patient";
                var condition = doc.Entities.Count == 1 && meta.TryGetValue("condition", out var raw) ? raw : doc.TextOf(e);
                // The row keeps the condition's text, not its place: the reader finds it again by text, so say when
                // it would land elsewhere (a repeated or blank-edged condition) or lose an assertion.
                if (Locate(sentence, condition, new ReadReport()) != e.Span)
                {
                    report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable,
                        $"entity {e.Id}: its text occurs elsewhere in the sentence too, or starts or ends with a space; a reader would place it elsewhere: not written"));
                    number--;
                    used.Remove(id);
                    continue;
                }
                if ((e.Assertions & (Assertions.Negated | Assertions.Uncertain)) == (Assertions.Negated | Assertions.Uncertain)
                    || (e.Assertions & (Assertions.Historical | Assertions.Hypothetical)) == (Assertions.Historical | Assertions.Hypothetical))
                    report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable,
                        $"entity {e.Id}: a row holds one negation and one temporality value; written as {negation}, {temporality}"));
                Row(sb, id, condition, sentence, negation, temporality, experiencer);
                w.Write(sb);
            }
        }
    }

    /// <summary>
    /// The row's number: the document's own id when it is a number not used yet, else the running number (or the
    /// next one free). The reader refuses a number seen twice, so two documents never share one.
    /// </summary>
    private static string RowId(string? own, int number, HashSet<string> used, ReadReport report)
    {
        if (own is not null && int.TryParse(own, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && own.Trim() == own && used.Add(own)) return own;
        if (own is not null && int.TryParse(own, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) report.Count("negex: row number taken by an earlier row (another number written)");
        for (var n = number; ; n++)
        {
            var id = n.ToString(CultureInfo.InvariantCulture);
            if (used.Add(id)) return id;
        }
    }

    private static void Row(StringBuilder sb, string id, string condition, string sentence, string negation, string temporality, string experiencer)
    {
        sb.Clear();
        sb.Append(TextFiles.Flatten(id, out _)).Append('\t').Append(TextFiles.Flatten(condition, out _)).Append('\t').Append(sentence).Append('\t')
          .Append(negation).Append('\t').Append(temporality).Append('\t').Append(experiencer).Append('\n');
    }
}
