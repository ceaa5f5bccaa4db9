using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// ADE-Corpus-V2 (Gurulingappa et al. 2012): a folder with
/// <code>
/// DRUG-AE.rel    PMID|sentence|adverse effect|begin|end|drug|begin|end
/// DRUG-DOSE.rel  PMID|sentence|dose|begin|end|drug|begin|end
/// ADE-NEG.txt    PMID NEG sentence
/// </code>
/// The offsets are not into the sentence: they are into the whole annotated document ("PMID\n\nTitle\n\nAbstract",
/// which is not shipped). So each mention is located in its sentence by text: when it occurs once, there;
/// when it occurs several times, the occurrence that agrees with the one offset shift (document offset minus
/// sentence offset) shared by all mentions of that sentence. A mention that is not in its sentence, or whose
/// place stays ambiguous, is an error (ATM103) for its line. All lines with the same (PMID, sentence), across
/// the three files, make one document "PMID-k" with entities Drug, AdverseEffect, Dosage and relations
/// AdverseEffect (Drug → AdverseEffect) and DosageOf (Dosage → Drug); repeated lines are kept once and counted.
/// Metadata: "pmid", "ade_offset" (the shift, so the writer can give back document offsets), "negative" for
/// ADE-NEG sentences. A path to one of the files reads that file alone. The writer writes into a folder the
/// files it has lines for (documents with no relation go to ADE-NEG.txt; a document whose mentions its reader
/// could not place is reported, ATM112), or, given a path ending in ".rel", that one
/// file: DosageOf lines when its name contains "DOSE", else AdverseEffect lines (the rest is counted).
/// </summary>
public sealed class AdeFormat : ICorpusFormat
{
    public const string FormatName = "ade";
    public const string AeFile = "DRUG-AE.rel";
    public const string DoseFile = "DRUG-DOSE.rel";
    public const string NegFile = "ADE-NEG.txt";
    public const string OffsetKey = "ade_offset";

    public const string DrugLabel = "Drug";
    public const string AdverseEffectLabel = "AdverseEffect";
    public const string DosageLabel = "Dosage";
    public const string AdverseEffectRelation = "AdverseEffect";
    public const string DosageRelation = "DosageOf";

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (Directory.Exists(path)) return File.Exists(Path.Combine(path, AeFile)) || File.Exists(Path.Combine(path, DoseFile)) || File.Exists(Path.Combine(path, NegFile));
        if (!Sniff.IsFile(path)) return false;
        var first = Sniff.FirstLine(path);
        if (first is null) return false;
        if (Sniff.HasExtension(path, ".rel")) return first.Split('|').Length >= 8;
        return IsNegLine(first);
    }

    private static bool IsNegLine(string line)
    {
        var sp = line.IndexOf(' ');
        return sp > 0 && line.AsSpan(0, sp).IndexOfAnyExceptInRange('0', '9') < 0 && line.AsSpan(sp).StartsWith(" NEG ", StringComparison.Ordinal);
    }

    private enum Kind { AdverseEffect, Dose, Negative }

    private sealed record Mention(string Label, string Text, int DocBegin, int DocEnd, string File, int Line);

    private sealed record RelLine(string Label, Mention Head, Mention Tail, string File, int Line);

    private sealed class Group(string pmid, string sentence)
    {
        public string Pmid { get; } = pmid;
        public string Sentence { get; } = sentence;
        public List<RelLine> Lines { get; } = new();
        public bool Negative { get; set; }
        public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var files = new List<(string Path, Kind Kind)>();
        if (Directory.Exists(path))
        {
            foreach (var (name, kind) in new[] { (AeFile, Kind.AdverseEffect), (DoseFile, Kind.Dose), (NegFile, Kind.Negative) })
            {
                var f = Path.Combine(path, name);
                if (File.Exists(f)) files.Add((f, kind));
            }
            if (files.Count == 0)
            {
                new ProblemSink(path, options, report).Fail(ErrorCodes.EmptyInput, $"none of {AeFile}, {DoseFile}, {NegFile} in the folder");
                yield break;
            }
        }
        else
        {
            var name = Path.GetFileName(path);
            var kind = Sniff.HasExtension(path, ".rel")
                ? name.Contains("DOSE", StringComparison.OrdinalIgnoreCase) ? Kind.Dose : Kind.AdverseEffect
                : Kind.Negative;
            files.Add((path, kind));
        }

        var groups = new Dictionary<(string, string), Group>();
        var order = new List<Group>();
        foreach (var (file, kind) in files) ReadFile(file, kind, options, report, groups, order);

        var perPmid = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in order)
        {
            perPmid.TryGetValue(g.Pmid, out var k);
            perPmid[g.Pmid] = ++k;
            var doc = Build(g, $"{g.Pmid}-{k.ToString(CultureInfo.InvariantCulture)}", options, report);
            if (doc is not null) yield return doc;
        }
    }

    private static void ReadFile(string file, Kind kind, ReadOptions options, ReadReport report, Dictionary<(string, string), Group> groups, List<Group> order)
    {
        var name = Path.GetFileName(file);
        // Lines remember the full path so that a problem found later, when sentences are resolved, names it.
        foreach (var line in new ProblemSink(file, options, report).LineRecords((text, n) => ParseLine(text, n, kind, file), "no records (the file is empty)"))
        {
            var g = GroupOf(line.Pmid, line.Sentence, groups, order);
            if (line.Relation is null)
            {
                if (g.Negative) report.Count("ade: repeated ADE-NEG sentence (kept once)");
                if (g.Lines.Count > 0) report.Count("ade: sentence both in ADE-NEG and a .rel file");
                g.Negative = true;
            }
            else
            {
                if (g.Negative) report.Count("ade: sentence both in ADE-NEG and a .rel file");
                g.Lines.Add(line.Relation);
            }
            g.Files.Add(name);
        }
    }

    /// <summary>One line of a file: its sentence, and the relation it states (null for an ADE-NEG line).</summary>
    private sealed record SentenceLine(string Pmid, string Sentence, RelLine? Relation);

    private static SentenceLine ParseLine(string line, int n, Kind kind, string file)
    {
        if (kind == Kind.Negative)
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 3 || parts[1] != "NEG" || parts[0].Length == 0)
                throw new RecordException(ErrorCodes.MalformedRecord, $"expected 'PMID NEG sentence', found a line of {Clip(line)}", n);
            if (parts[2].Trim().Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty sentence", n, parts[0]);
            return new SentenceLine(parts[0], parts[2], null);
        }

        var f = line.Split('|');
        if (f.Length < 8)
            throw new RecordException(ErrorCodes.MissingColumn, $"{f.Length} '|'-separated fields; expected 8 (PMID|sentence|{(kind == Kind.Dose ? "dose" : "effect")}|begin|end|drug|begin|end)", n);
        var pmid = f[0];
        if (pmid.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty PMID", n);
        var sentence = string.Join('|', f, 1, f.Length - 7);
        if (sentence.Trim().Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, "empty sentence", n, pmid);
        var other = MentionOf(f[^6], f[^5], f[^4], kind == Kind.Dose ? DosageLabel : AdverseEffectLabel, file, n, pmid);
        var drug = MentionOf(f[^3], f[^2], f[^1], DrugLabel, file, n, pmid);
        return new SentenceLine(pmid, sentence, kind == Kind.Dose
            ? new RelLine(DosageRelation, other, drug, file, n)
            : new RelLine(AdverseEffectRelation, drug, other, file, n));
    }

    private static Group GroupOf(string pmid, string sentence, Dictionary<(string, string), Group> groups, List<Group> order)
    {
        if (!groups.TryGetValue((pmid, sentence), out var g))
        {
            g = new Group(pmid, sentence);
            groups[(pmid, sentence)] = g;
            order.Add(g);
        }
        return g;
    }

    private static Mention MentionOf(string text, string begin, string end, string label, string file, int line, string pmid)
    {
        if (text.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, $"empty {label} mention", line, pmid);
        if (!int.TryParse(begin, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
            || !int.TryParse(end, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e))
            throw new RecordException(ErrorCodes.MalformedRecord, $"{label} offsets ({Clip(begin)}, {Clip(end)}) are not integers", line, pmid);
        if (b < 0 || e < b)
            throw new RecordException(ErrorCodes.OffsetsOutOfRange, $"{label} offsets [{b},{e}) are negative or reversed", line, pmid);
        if (e - b != text.Length)
            throw new RecordException(ErrorCodes.TextMismatch, $"{label} offsets [{b},{e}) span {e - b} characters but its text has {text.Length}", line, pmid);
        return new Mention(label, text, b, e, file, line);
    }

    private static AnnotatedDocument? Build(Group g, string id, ReadOptions options, ReadReport report)
    {
        var sentence = g.Sentence;
        var mentions = g.Lines.SelectMany(l => new[] { l.Head, l.Tail }).Distinct().ToList();
        var (shift, placed, failed) = Place(sentence, mentions);

        var entities = new List<Entity>();
        var entityOf = new Dictionary<(string, int, int), Entity>();
        Entity EntityFor(Mention m)
        {
            var start = placed[m];
            var key = (m.Label, start, start + m.Text.Length);
            if (!entityOf.TryGetValue(key, out var e))
            {
                e = new Entity("T" + (entities.Count + 1).ToString(CultureInfo.InvariantCulture), new TextSpan(start, start + m.Text.Length), m.Label);
                entityOf[key] = e;
                entities.Add(e);
            }
            return e;
        }

        var relations = new List<Relation>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var l in g.Lines)
        {
            var bad = failed.GetValueOrDefault(l.Head) ?? failed.GetValueOrDefault(l.Tail);
            if (bad is not null)
            {
                new ProblemSink(l.File, options, report).Fail(ErrorCodes.TextMismatch, bad, l.Line, id);
                continue;
            }
            var head = EntityFor(l.Head);
            var tail = EntityFor(l.Tail);
            if (!seen.Add((l.Label, head.Id, tail.Id)))
            {
                report.Count("ade: repeated relation line (kept once)");
                continue;
            }
            relations.Add(new Relation("R" + (relations.Count + 1).ToString(CultureInfo.InvariantCulture), l.Label, head.Id, tail.Id));
        }
        if (g.Lines.Count > 0 && relations.Count == 0 && !g.Negative) return null; // every line was bad and reported

        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pmid"] = g.Pmid,
            ["ade_files"] = string.Join(',', g.Files),
        };
        var agreed = shift ?? (placed.Count > 0 ? placed.First().Key.DocBegin - placed.First().Value : (int?)null);
        if (agreed is { } a) meta[OffsetKey] = a.ToString(CultureInfo.InvariantCulture);
        if (g.Negative) meta["negative"] = "true";
        return new AnnotatedDocument(new Document(id, sentence, meta), entities, relations);
    }

    /// <summary>
    /// Where the reader puts each mention of a sentence: candidate shifts (document offset − sentence offset) of
    /// every mention; the one shift all agree on places them; else a mention that occurs once is placed there, and
    /// any other is failed with the reason. The writer asks the same question before writing a line.
    /// </summary>
    private static (int? Shift, Dictionary<Mention, int> Placed, Dictionary<Mention, string> Failed) Place(string sentence, IReadOnlyList<Mention> mentions)
    {
        var occurrences = mentions.ToDictionary(m => m, m => Occurrences(sentence, m.Text));
        HashSet<int>? shared = null;
        foreach (var m in mentions)
        {
            if (occurrences[m].Count == 0) continue;
            var shifts = occurrences[m].Select(o => m.DocBegin - o).ToHashSet();
            if (shared is null) shared = shifts;
            else shared.IntersectWith(shifts);
        }
        var shift = shared is { Count: 1 } ? shared.First() : (int?)null;

        var placed = new Dictionary<Mention, int>();
        var failed = new Dictionary<Mention, string>();
        foreach (var m in mentions)
        {
            var occ = occurrences[m];
            if (occ.Count == 0) failed[m] = $"a {m.Label} mention ({Clip(m.Text)}) is not in the sentence";
            else if (shift is { } s && occ.Contains(m.DocBegin - s)) placed[m] = m.DocBegin - s;
            else if (occ.Count == 1) placed[m] = occ[0];
            else failed[m] = $"a {m.Label} mention ({Clip(m.Text)}) occurs {occ.Count} times in the sentence and the document offsets do not tell which";
        }
        return (shift, placed, failed);
    }

    private static List<int> Occurrences(string text, string mention)
    {
        var list = new List<int>(1);
        for (var i = text.IndexOf(mention, StringComparison.Ordinal); i >= 0; i = text.IndexOf(mention, i + 1, StringComparison.Ordinal))
            list.Add(i);
        return list;
    }

    private static string Clip(string s) => Redaction.Length(s);

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        // A path ending in ".rel" is one relation file (its kind from its name, as when reading one);
        // any other path is a folder that gets the files it has lines for (the reader refuses an empty file).
        var single = Sniff.HasExtension(path, ".rel") && !Directory.Exists(path);
        var singleIsDose = single && Path.GetFileName(path).Contains("DOSE", StringComparison.OrdinalIgnoreCase);
        var writers = new Dictionary<Kind, StreamWriter>();
        if (single)
        {
            writers[singleIsDose ? Kind.Dose : Kind.AdverseEffect] = TextFiles.CreateWriter(path);
            report.Count($"ade: writing one file ({(singleIsDose ? DoseFile : AeFile)} layout); relations of the other kind and negative sentences are not written");
        }
        else
        {
            Directory.CreateDirectory(path);
            foreach (var name in new[] { AeFile, DoseFile, NegFile }) File.Delete(Path.Combine(path, name));
        }
        StreamWriter? Target(Kind kind)
        {
            if (writers.TryGetValue(kind, out var w)) return w;
            if (single) return null;
            return writers[kind] = TextFiles.CreateWriter(Path.Combine(path, kind switch { Kind.AdverseEffect => AeFile, Kind.Dose => DoseFile, _ => NegFile }));
        }

        try
        {
            var sb = new StringBuilder();
            foreach (var doc in documents)
            {
                var pmid = TextFiles.Flatten(doc.Document.Meta.GetValueOrDefault("pmid") ?? doc.Id, out _, '|', ' ').Replace(' ', '_');
                var shift = int.TryParse(doc.Document.Meta.GetValueOrDefault(OffsetKey), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 0;
                var sentence = TextFiles.Flatten(doc.Text, out var changed, '|');
                if (changed) report.Count("ade: '|', tab or line break in a sentence (replaced by a space)");
                var lines = new List<(Kind Kind, Entity Other, Entity Drug)>();
                foreach (var r in doc.Relations)
                {
                    var head = doc.FindEntity(r.HeadId);
                    var tail = doc.FindEntity(r.TailId);
                    if (head is null || tail is null) { report.Count("ade: relation naming a missing entity not written"); continue; }
                    if (r.Label == AdverseEffectRelation) lines.Add((Kind.AdverseEffect, tail, head));
                    else if (r.Label == DosageRelation) lines.Add((Kind.Dose, head, tail));
                    else report.Count($"ade: relation label '{r.Label}' not written (only {AdverseEffectRelation}, {DosageRelation})");
                }
                if (sentence.Trim().Length == 0 || !PlacedBack(sentence, shift, lines))
                {
                    report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable, sentence.Trim().Length == 0
                        ? "an empty sentence: ADE lines need one; not written"
                        : "a mention occurs several times in the sentence and its document offsets do not tell the reader which: not written"));
                    continue;
                }
                var written = 0;
                foreach (var (kind, other, drug) in lines)
                {
                    if (Target(kind) is not { } target) continue;
                    if (other.Label != (kind == Kind.Dose ? DosageLabel : AdverseEffectLabel) || drug.Label != DrugLabel)
                        report.Count("ade: entity label written as its role in the relation (Drug, AdverseEffect, Dosage)");
                    sb.Clear();
                    sb.Append(pmid).Append('|').Append(sentence).Append('|');
                    Append(sb, sentence, other, shift).Append('|');
                    Append(sb, sentence, drug, shift).Append('\n');
                    target.Write(sb);
                    written++;
                }
                if (lines.Count == 0)
                {
                    if (doc.Entities.Count > 0) report.Count("ade: entities of a document without relations not written (ADE-NEG holds sentences only)");
                    Target(Kind.Negative)?.Write($"{pmid} NEG {sentence}\n");
                }
            }
        }
        finally
        {
            foreach (var w in writers.Values) w.Dispose();
        }
    }

    /// <summary>Whether the reader, placing this sentence's mentions by text and document offsets, finds each where it is.</summary>
    private static bool PlacedBack(string sentence, int shift, List<(Kind Kind, Entity Other, Entity Drug)> lines)
    {
        Mention MentionOf(Entity e, string label) => new(label, sentence.Substring(e.Span.Start, e.Span.Length), e.Span.Start + shift, e.Span.End + shift, "", 0);
        var wanted = lines.SelectMany(l => new[]
        {
            (Mention: MentionOf(l.Other, l.Kind == Kind.Dose ? DosageLabel : AdverseEffectLabel), l.Other.Span.Start),
            (Mention: MentionOf(l.Drug, DrugLabel), l.Drug.Span.Start),
        }).ToList();
        var (_, placed, _) = Place(sentence, wanted.Select(w => w.Mention).Distinct().ToList());
        return wanted.All(w => placed.TryGetValue(w.Mention, out var at) && at == w.Start);
    }

    private static StringBuilder Append(StringBuilder sb, string sentence, Entity e, int shift) =>
        sb.Append(sentence, e.Span.Start, e.Span.Length).Append('|')
          .Append((e.Span.Start + shift).ToString(CultureInfo.InvariantCulture)).Append('|')
          .Append((e.Span.End + shift).ToString(CultureInfo.InvariantCulture));
}
