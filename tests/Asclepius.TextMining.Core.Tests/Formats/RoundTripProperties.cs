using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using CsCheck;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// Property: writer → reader is the identity for generated annotated documents, non-BMP characters
/// (emoji, mathematical letters) and combining marks included. Each format gets a generator restricted to
/// what it can hold; the restriction is stated next to the generator. Iteration counts are bounded so
/// the class runs in a few seconds.
/// </summary>
public class RoundTripProperties
{
    // Text pieces: ASCII, JSON/TSV specials, a combining mark after a letter, precomposed letters, CJK,
    // a zero-width space, and surrogate pairs (😀 U+1F600, 𝛼 U+1D6FC, 𐐷 U+10437).
    internal static readonly string[] Pieces =
        ["a", "b", "Z", "7", " ", " ", ".", ",", "\"", "\\", "/", "|", "-", "e\u0301", "n\u0303", "é", "中", "\u200b", "α", "😀", "𝛼", "𐐷"];

    private static readonly string[] Labels = ["Drug", "Problem", "Dose", "Test_Result", "Ω-type", "😀"];

    /// <summary>A text from <see cref="Pieces"/> plus the given separators, and the UTF-16 offsets that are code-point boundaries.</summary>
    internal static Gen<string> Text(params string[] separators) =>
        Gen.OneOf<string>(Pieces.Concat(separators).ToArray()).Array[1, 40].Select(p => string.Concat(p));

    /// <summary>
    /// Entities on code-point boundaries (a span that splits a surrogate pair has no text of its own in any
    /// format), not crossing any character in <paramref name="forbidden"/>, with ids T1..Tn; relations R1..Rm
    /// between them.
    /// </summary>
    internal static Gen<AnnotatedDocument> Annotated(Gen<string> id, Gen<string> text, string forbidden, bool rich)
    {
        var spanPicks = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, Labels.Length - 1],
            Gen.Int[0, 31], Gen.Int[0, 2], Gen.Int[0, 3]).Array[0, 6];
        var relPicks = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, 2]).Array[0, 4];
        var meta = Gen.Select(Gen.OneOf<string>("source", "k", "ключ"), Text()).Array[0, 2];
        return Gen.Select(id, text, spanPicks, relPicks, meta).Select((docId, t, picks, rels, m) =>
        {
            var boundaries = Enumerable.Range(0, t.Length + 1).Where(i => i == t.Length || !char.IsLowSurrogate(t[i])).ToArray();
            var entities = new List<Entity>();
            foreach (var (a, b, label, flags, source, concept) in picks)
            {
                var s = boundaries[a % boundaries.Length];
                var e = boundaries[b % boundaries.Length];
                if (s > e) (s, e) = (e, s);
                if (s == e || t.AsSpan(s, e - s).IndexOfAny(forbidden) >= 0) continue;
                var n = entities.Count + 1;
                entities.Add(rich
                    ? new Entity($"T{n}", new TextSpan(s, e), Labels[label], Score: source == 2 ? 0.25 * (1 + concept) : 1.0,
                        Assertions: (Assertions)flags, Source: (AnnotationSource)source, Concept: concept == 0 ? null : $"D{concept:000000}",
                        Section: concept == 1 ? "HPI" : null)
                    : new Entity($"T{n}", new TextSpan(s, e), Labels[label], Assertions: (Assertions)flags));
            }
            var relations = entities.Count == 0
                ? new List<Relation>()
                : rels.Select((r, i) => new Relation($"R{i + 1}", r.Item3 == 0 ? "DosageOf" : "CID",
                    entities[r.Item1 % entities.Count].Id, entities[r.Item2 % entities.Count].Id)).ToList();
            var metadata = rich ? m.GroupBy(kv => kv.Item1).ToDictionary(g => g.Key, g => g.First().Item2) : null;
            return new AnnotatedDocument(new Document(docId, t, metadata), entities, relations);
        });
    }

    internal static Gen<List<AnnotatedDocument>> Corpus(Gen<AnnotatedDocument> doc) =>
        doc.List[1, 4].Select(docs => docs.Select((d, i) => d with { Document = d.Document with { Id = d.Id + "-" + i.ToString(CultureInfo.InvariantCulture) } }).ToList());

    [Fact]
    public void Jsonl_round_trip_is_the_identity()
    {
        // JSONL holds everything: any valid-Unicode id, text (newlines, tabs, quotes, control characters),
        // labels, assertions, sources, scores (predicted scores are written to 4 decimals, so the generator
        // uses quarters), concepts, sections, metadata and relations.
        var gen = Corpus(Annotated(Text(), Text("\n", "\t", "\r\n", "\u0001"), "", rich: true));
        using var dir = new TempFolder();
        var format = new JsonlFormat();
        var entities = 0;
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".jsonl");
            format.Write(docs, path);
            var back = format.Read(path, ReadOptions.Strict, new ReadReport()).ToList();
            back.Select(JsonlFormat.ToJsonLine).Should().Equal(docs.Select(JsonlFormat.ToJsonLine));
            Canon.Of(back).Should().Equal(Canon.Of(docs));
            entities += docs.Sum(d => d.Entities.Count);
        }, iter: 200, threads: 1, print: Print);
        entities.Should().BeGreaterThan(100, "the generator must make annotated documents, not only bare texts");
    }

    [Fact]
    public void Brat_round_trip_is_the_identity()
    {
        // BRAT holds a text file and T/A/R lines: ids must be file names (letters and digits here); an
        // entity may not cross a line break (the writer splits it into fragments, a discontinuous span the
        // reader does not take back); labels are single tokens; concepts are not written; metadata is not
        // kept. Texts have no '\r' (BRAT counts it as a character but editors normalise it away).
        var id = Gen.Char["abcXYZ019"].Array[1, 8].Select(c => new string(c));
        var gen = Corpus(Annotated(id, Text("\n", "\t"), "\n\t", rich: false));
        using var dir = new TempFolder();
        var format = new BratFormat();
        var entities = 0;
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            format.Write(docs, path);
            var back = format.Read(path, ReadOptions.Strict, new ReadReport()).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
            Canon.Of(back).Should().Equal(Canon.Of(docs.OrderBy(d => d.Id, StringComparer.Ordinal)));
            entities += docs.Sum(d => d.Entities.Count);
        }, iter: 150, threads: 1, print: Print);
        entities.Should().BeGreaterThan(100, "the generator must make annotated documents, not only bare texts");
    }

    [Fact]
    public void PubTator_round_trip_is_the_identity()
    {
        // PubTator holds one title line of text (no tab or line break; without a known title length the
        // whole text is the title), numeric ids, entities with UTF-16 offsets, a label and a concept id,
        // and relations only between concepts. So: no assertions, every entity has a concept, no relations.
        var id = Gen.Char["0123456789"].Array[1, 8].Select(c => new string(c));
        var gen = Corpus(Annotated(id, Text(), "", rich: false).Select(d => new AnnotatedDocument(d.Document with { Metadata = null },
            d.Entities.Select((e, i) => e with { Assertions = Assertions.None, Concept = $"D{i:000000}" }).ToList())));
        using var dir = new TempFolder();
        var format = new PubTatorFormat();
        var entities = 0;
        gen.Sample(docs =>
        {
            var path = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".txt");
            format.Write(docs, path);
            var back = format.Read(path, ReadOptions.Strict, new ReadReport()).ToList();
            Canon.Of(back).Should().Equal(Canon.Of(docs));
            entities += docs.Sum(d => d.Entities.Count);
        }, iter: 150, threads: 1, print: Print);
        entities.Should().BeGreaterThan(100, "the generator must make annotated documents, not only bare texts");
    }

    [Fact]
    public void Conll_round_trip_keeps_tokens_and_tags_from_the_first_read_on()
    {
        // CoNLL does not keep a document's text: it keeps tokens (joined back by single spaces and line
        // breaks), BIO tags (so no assertions, concepts or relations, and no entity off token boundaries or
        // overlapping another) and no ids. So the property is on what the format holds: once a document has
        // been through the format, write → read is the identity on tokens and tags. Sentence breaks are not
        // part of it: the writer re-splits sentences, and "b.Z" read back as "b . Z" may split where the
        // original did not; so line breaks count as spaces (same length, so offsets are unchanged).
        // No document is lost on the way, one without a token (text " " or "\n", a bare "-DOCSTART-") included.
        var gen = Corpus(Annotated(Gen.Const("d"), Text("\n"), "", rich: false)
            .Select(d => new AnnotatedDocument(d.Document, d.Entities.Select(e => e with { Assertions = Assertions.None }).ToList())));
        using var dir = new TempFolder();
        var format = new ConllFormat();
        var entities = 0;
        gen.Sample(docs =>
        {
            var run = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(run);
            format.Write(docs, Path.Combine(run, "one.conll"));
            var once = format.Read(Path.Combine(run, "one.conll"), ReadOptions.Strict, new ReadReport()).ToList();
            once.Should().HaveCount(docs.Count, "every document written is read back");
            format.Write(once, Path.Combine(run, "two.conll"));
            var twice = format.Read(Path.Combine(run, "two.conll"), ReadOptions.Strict, new ReadReport()).ToList();
            twice.Should().HaveCount(docs.Count);
            TokenLines(Path.Combine(run, "two.conll")).Should().Equal(TokenLines(Path.Combine(run, "one.conll")));
            Canon.Of(twice.Select(Unbroken), withId: false).Should().Equal(Canon.Of(once.Select(Unbroken), withId: false));
            entities += once.Sum(d => d.Entities.Count);
        }, iter: 150, threads: 1, print: Print);
        entities.Should().BeGreaterThan(50, "the generator must make documents whose entities survive tokenization");
    }

    private static string[] TokenLines(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();

    private static AnnotatedDocument Unbroken(AnnotatedDocument d) =>
        d with { Document = d.Document with { Text = d.Text.Replace('\n', ' ') } };

    internal static string Print(List<AnnotatedDocument> docs)
    {
        var sb = new StringBuilder();
        foreach (var d in docs) sb.AppendLine(JsonlFormat.ToJsonLine(d));
        return sb.ToString();
    }
}
