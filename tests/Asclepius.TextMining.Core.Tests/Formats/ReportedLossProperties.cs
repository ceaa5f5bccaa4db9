using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using CsCheck;
using Gens = Asclepius.TextMining.Core.Tests.Formats.RoundTripProperties;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// Writer → reader for the formats that hold less than a document (plain notes, one-condition rows, masked or
/// marked pairs): what the writer did not report losing is read back as it was, and what it writes its own
/// reader reads without error. Documents come from the same pieces as <see cref="RoundTripProperties"/>
/// (non-BMP characters, combining marks, quotes, separators), with each format's own separators mixed in so
/// that the writer meets what it must escape or refuse.
/// </summary>
public class ReportedLossProperties
{
    private static ReadOptions Strict => ReadOptions.Strict;

    private static string Describe(ReadReport report) =>
        string.Join("; ", report.Problems.Select(p => $"{p.Code} {p.Reason}").Concat(report.Notes.Select(n => $"{n.Key}: {n.Value}")));

    private static Gen<string> Id => Gen.OneOf(Gens.Text(), Gen.Char["abc019-_."].Array[1, 6].Select(c => new string(c)));

    [Fact]
    public void Txt_keeps_every_text_and_every_id_it_does_not_report_changing()
    {
        // A text may start with U+FEFF (a BOM to a reader) and may be empty.
        var text = Gen.OneOf(Gens.Text("\n", "\r\n", "\t"), Gens.Text().Select(t => "\ufeff" + t), Gen.Const(""));
        // Ids are made unique within a sample: the writer reports a refused document by id, so with two
        // documents "0" (one blank, refused) the kept one could not be told apart (CsCheck seed 3ZBaI_Z0EqY1).
        var gen = Gen.Select(Id, text).Select((id, t) => new AnnotatedDocument(new Document(id, t))).List[1, 4]
            .Select(docs => docs.Select((d, i) => d with { Document = d.Document with { Id = d.Id + "-" + i.ToString(CultureInfo.InvariantCulture) } }).ToList());
        using var dir = new TempFolder();
        var format = new TxtFormat();
        gen.Sample(docs =>
        {
            var folder = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            var written = new ReadReport();
            format.Write(docs, folder, written);
            var kept = docs.Where(d => !written.Problems.Any(p => p.DocumentId == d.Id)).ToList();
            if (kept.Count == 0) return;
            var back = format.Read(folder, Strict, new ReadReport()).ToList();
            back.Select(d => d.Text).Order(StringComparer.Ordinal).Should().Equal(kept.Select(d => d.Text).Order(StringComparer.Ordinal), Describe(written));
            if (!written.Notes.Keys.Any(k => k.Contains("id changed", StringComparison.Ordinal)))
                back.Select(d => d.Id).Order(StringComparer.Ordinal).Should().Equal(kept.Select(d => d.Id).Order(StringComparer.Ordinal));
        }, iter: 150, threads: 1, print: docs => string.Join("\n", docs.Select(JsonlFormat.ToJsonLine)));
    }

    [Fact]
    public void Csv_keeps_ids_texts_and_metadata()
    {
        var meta = Gen.Select(Gen.OneOf<string>("source", "k", "ключ", "a,b", "q\"", " sp"), Gens.Text(",", "\"", "\n", "\r\n", " ")).Array[0, 3]
            .Select(kv => kv.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2));
        var gen = Gen.Select(Id, Gens.Text(",", "\"", "\n", "\r\n", "\t", " "), meta)
            .Select((id, t, m) => new AnnotatedDocument(new Document(id, t, m))).List[1, 4]
            .Select(docs => docs.Select((d, i) => d with { Document = d.Document with { Id = d.Id + "-" + i.ToString(CultureInfo.InvariantCulture) } }).ToList());
        using var dir = new TempFolder();
        var format = new CsvFormat();
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".csv");
            var written = new ReadReport();
            format.Write(docs, path, written);
            var back = format.Read(path, Strict, new ReadReport()).ToList();
            back.Should().HaveCount(docs.Count);
            var trimmedKeys = written.Notes.Keys.Any(k => k.Contains("metadata key", StringComparison.Ordinal));
            for (var i = 0; i < docs.Count; i++)
            {
                back[i].Text.Should().Be(docs[i].Text, Describe(written));
                if (written.Problems.Any(p => p.DocumentId == docs[i].Id)) continue;
                back[i].Id.Should().Be(docs[i].Id, Describe(written));
                foreach (var kv in docs[i].Document.Meta)
                    back[i].Document.Meta.GetValueOrDefault(trimmedKeys ? kv.Key.Trim() : kv.Key).Should().Be(kv.Value, $"metadata {kv.Key} of document {i}");
            }
        }, iter: 150, threads: 1, print: docs => string.Join("\n", docs.Select(JsonlFormat.ToJsonLine)));
    }

    [Fact]
    public void NegEx_keeps_the_condition_where_it_was_and_its_assertions_unless_it_reports_otherwise()
    {
        // One Condition per row; the sentence is flattened (no tab or line break here); the condition is found
        // again by its text, so a repeated condition text is where placement can go wrong.
        var gen = Gens.Annotated(Gen.Char["0123456789"].Array[1, 5].Select(c => new string(c)), Gens.Text("hh", "HH", "h"), "", rich: false)
            .Where(d => d.Entities.Count > 0 && d.Text.Trim().Length > 0)
            .Select(d => new AnnotatedDocument(d.Document with { Metadata = null }, [d.Entities[0] with { Label = NegExFormat.ConditionLabel }]))
            .Where(d => d.TextOf(d.Entities[0]).Trim().Length > 0)
            .List[1, 3].Select(docs => docs.Select((d, i) => d with { Document = d.Document with { Id = d.Id + i.ToString(CultureInfo.InvariantCulture) } }).ToList());
        using var dir = new TempFolder();
        var format = new NegExFormat();
        var compared = 0;
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".txt");
            var written = new ReadReport();
            format.Write(docs, path, written);
            var writtenDocs = docs.Where(d => !written.Problems.Any(p => p.DocumentId == d.Id && p.Reason.Contains("not written", StringComparison.Ordinal))).ToList();
            if (writtenDocs.Count == 0) return;
            var back = format.Read(path, Strict, new ReadReport()).ToList();
            back.Should().HaveCount(writtenDocs.Count, Describe(written));
            for (var i = 0; i < writtenDocs.Count; i++)
            {
                if (written.Problems.Any(p => p.DocumentId == writtenDocs[i].Id)) continue;
                back[i].Text.Should().Be(writtenDocs[i].Text);
                back[i].Entities.Select(e => (e.Span, e.Assertions)).Should().Equal([(writtenDocs[i].Entities[0].Span, writtenDocs[i].Entities[0].Assertions)], Describe(written));
                compared++;
            }
        }, iter: 200, threads: 1, print: Gens.Print);
        compared.Should().BeGreaterThan(100);
    }

    [Fact]
    public void BioBert_writes_only_lines_its_reader_reads_and_keeps_every_pair_and_its_label()
    {
        // One Gene and one Disease per document (one line each); a text may hold a mask already.
        var gen = Gens.Annotated(Gen.Const("d"), Gens.Text("@GENE$", "@DISEASE$"), "", rich: false)
            .Where(d => d.Entities.Count >= 2 && !d.Entities[0].Span.Overlaps(d.Entities[1].Span))
            .Select(d =>
            {
                var gene = d.Entities[0] with { Label = "Gene" };
                var disease = d.Entities[1] with { Label = "Disease" };
                var related = d.Relations.Count > 0 ? new[] { new Relation("R1", BioBertTsvFormat.RelationLabel, gene.Id, disease.Id) } : [];
                return new AnnotatedDocument(d.Document with { Metadata = null }, [gene, disease], related);
            }).List[1, 3];
        using var dir = new TempFolder();
        var format = new BioBertTsvFormat();
        var lines = 0;
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".tsv");
            var written = new ReadReport();
            format.Write(docs, path, written);
            var kept = docs.Where(d => !written.Problems.Any(p => p.DocumentId == d.Id)).ToList();
            if (kept.Count == 0) return;
            var back = format.Read(path, Strict, new ReadReport()).ToList();
            back.Select(d => d.Relations.Count).Should().Equal(kept.Select(d => d.Relations.Count), Describe(written));
            lines += back.Count;
        }, iter: 200, threads: 1, print: Gens.Print);
        lines.Should().BeGreaterThan(100);
    }

    [Fact]
    public void ChemProt_writes_only_lines_its_reader_reads_and_keeps_every_pair_and_text()
    {
        // Marker strings may already be in a text ("<< ", " ]]"): the writer must not write a line whose
        // markers its reader would find elsewhere.
        var gen = Gens.Corpus(Gens.Annotated(Gen.Const("d"), Gens.Text("<< ", " >>", "[[ ", " ]]", "<", "]"), "", rich: false)
            .Where(d => d.Relations.Count > 0)
            .Select(d => new AnnotatedDocument(d.Document with { Metadata = null },
                d.Entities.Select(e => e with { Assertions = Assertions.None }).ToList(), d.Relations)));
        using var dir = new TempFolder();
        var format = new ChemProtFormat();
        var pairs = 0;
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".jsonl");
            var written = new ReadReport();
            format.Write(docs, path, written);
            var expected = docs.SelectMany(d => d.Relations
                    .Where(r => !written.Problems.Any(p => p.DocumentId == d.Id && p.Reason.StartsWith($"relation {r.Id}:", StringComparison.Ordinal)))
                    .Select(r => Pair(d, r)).Where(p => p is not null)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (new FileInfo(path).Length == 0) { expected.Should().BeEmpty(); return; }
            var back = format.Read(path, Strict, new ReadReport()).ToList();
            var got = back.SelectMany(d => d.Relations.Select(r => Pair(d, r))).Order(StringComparer.Ordinal);
            got.Should().Equal(expected, Describe(written));
            pairs += back.Sum(d => d.Relations.Count);
        }, iter: 200, threads: 1, print: Gens.Print);
        pairs.Should().BeGreaterThan(100);
    }

    /// <summary>A relation as ChemProt keeps it: text, label, the two argument spans (unordered: types are inferred on reading); null where the writer skips it by design (crossing arguments).</summary>
    private static string? Pair(AnnotatedDocument d, Relation r)
    {
        var h = d.FindEntity(r.HeadId)!.Span;
        var t = d.FindEntity(r.TailId)!.Span;
        if (h.Overlaps(t) && !(h.Contains(t) || t.Contains(h))) return null;
        var (a, b) = h.Start < t.Start || (h.Start == t.Start && h.End >= t.End) ? (h, t) : (t, h);
        return $"{d.Text}|{r.Label}|{a}|{b}";
    }

    [Fact]
    public void Ade_writes_only_lines_its_reader_places_and_keeps_every_relation()
    {
        // Relations AdverseEffect (Drug → AdverseEffect) and DosageOf (Dosage → Drug) between entities of those
        // labels; sentences without '|', tab or line break; a document offset shift as ADE has. Repeated
        // short pieces ("a", "ab") make mentions that occur several times in their sentence.
        var labels = new[] { (AdeFormat.AdverseEffectRelation, AdeFormat.DrugLabel, AdeFormat.AdverseEffectLabel), (AdeFormat.DosageRelation, AdeFormat.DosageLabel, AdeFormat.DrugLabel) };
        var gen = Gen.Select(Gens.Annotated(Gen.Char["0123456789"].Array[1, 6].Select(c => new string(c)), Gens.Text("a", "ab", "a"), "", rich: false), Gen.Int[0, 1], Gen.Int[0, 60])
            .Where(x => x.Item1.Relations.Count > 0 && x.Item1.Text.Trim().Length > 0)
            .Select((d, kind, shift) => (d with { Document = d.Document with { Text = d.Text.Replace('|', ' ') } }, kind, shift))
            .Select((d, kind, shift) =>
            {
                var (rel, headLabel, tailLabel) = labels[kind];
                var r = d.Relations[0];
                if (r.HeadId == r.TailId) return null;
                var head = d.FindEntity(r.HeadId)! with { Label = headLabel };
                var tail = d.FindEntity(r.TailId)! with { Label = tailLabel, Id = "T99" };
                if (head.Span.Overlaps(tail.Span)) return null;
                var meta = new Dictionary<string, string> { ["pmid"] = d.Id, [AdeFormat.OffsetKey] = shift.ToString(CultureInfo.InvariantCulture) };
                return new AnnotatedDocument(new Document(d.Id, d.Text, meta), [head with { Assertions = Assertions.None }, tail with { Assertions = Assertions.None }],
                    [new Relation("R1", rel, head.Id, tail.Id)]);
            })
            .Where(d => d is not null).Select(d => d!)
            .List[1, 3].Select(docs => docs.Select((d, i) => d with { Document = d.Document with { Id = d.Id + i.ToString(CultureInfo.InvariantCulture), Metadata = new Dictionary<string, string>(d.Document.Meta) { ["pmid"] = d.Id + i.ToString(CultureInfo.InvariantCulture) } } }).ToList());
        using var dir = new TempFolder();
        var format = new AdeFormat();
        var relations = 0;
        gen.Sample(docs =>
        {
            var folder = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            var written = new ReadReport();
            format.Write(docs, folder, written);
            var kept = docs.Where(d => !written.Problems.Any(p => p.DocumentId == d.Id)).ToList();
            if (kept.Count == 0) return;
            var back = format.Read(folder, Strict, new ReadReport()).ToList();
            Canon.Of(back.Where(d => d.Relations.Count > 0), withId: false).Order(StringComparer.Ordinal)
                .Should().Equal(Canon.Of(kept, withId: false).Order(StringComparer.Ordinal), Describe(written));
            relations += back.Sum(d => d.Relations.Count);
        }, iter: 200, threads: 1, print: Gens.Print);
        relations.Should().BeGreaterThan(100);
    }
}
