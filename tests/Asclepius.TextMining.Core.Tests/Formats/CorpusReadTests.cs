using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>The real corpora in ../shared/data read without errors, with the counts their SOURCE.md files state (or that we measured).</summary>
[Trait("Category", "Corpus")]
public class CorpusReadTests
{
    private static (IReadOnlyList<AnnotatedDocument> Docs, ReadReport Report) ReadStrict(string path, string? format = null)
    {
        var report = new ReadReport();
        var docs = CorpusFormats.ReadAll(path, format, ReadOptions.Strict, report);
        report.Problems.Should().BeEmpty();
        return (docs, report);
    }

    private static int Count(IEnumerable<AnnotatedDocument> docs, string label) => docs.SelectMany(d => d.Entities).Count(e => e.Label == label);

    public static string Bc5cdr(string split) => SharedData.File("bc5cdr", "pubtator", $"CDR_{split}.PubTator.txt");

    [Theory]
    [InlineData("TestSet", 500, 5385, 4424, 1066)]
    [InlineData("TrainingSet", 500, 5203, 4182, 1038)]
    [InlineData("DevelopmentSet", 500, 5347, 4244, 1012)]
    public void Bc5cdr_pubtator_has_the_official_counts(string split, int documents, int chemicals, int diseases, int cid)
    {
        var path = Bc5cdr(split);
        CorpusFormats.Resolve(path).Name.Should().Be("pubtator");
        var (docs, _) = ReadStrict(path);
        docs.Should().HaveCount(documents);
        Count(docs, "Chemical").Should().Be(chemicals);
        Count(docs, "Disease").Should().Be(diseases);
        docs.SelectMany(d => d.Relations).Where(r => r.Label == "CID").Should().HaveCount(cid).And.OnlyContain(r => r.IsConceptLevel);
    }

    [Theory]
    [InlineData("TestSet")]
    [InlineData("TrainingSet")]
    [InlineData("DevelopmentSet")]
    public void Bc5cdr_pubtator_to_jsonl_to_pubtator_keeps_every_entity_and_relation(string split)
    {
        using var dir = new TempFolder();
        var (docs, _) = ReadStrict(Bc5cdr(split));
        var jsonl = dir.File("cdr.jsonl");
        CorpusFormats.Write(docs, jsonl, "jsonl");
        var (viaJsonl, _) = ReadStrict(jsonl);
        var pubtator = dir.File("cdr.pubtator.txt");
        CorpusFormats.Write(viaJsonl, pubtator, "pubtator");
        var (back, _) = ReadStrict(pubtator, "pubtator");

        Canon.Of(viaJsonl).Should().Equal(Canon.Of(docs));
        Canon.Of(back).Should().Equal(Canon.Of(docs));
        back.Select(d => d.Document.Meta.Count).Should().Equal(docs.Select(d => d.Document.Meta.Count)); // title split and 7th columns too
    }

    [Fact]
    public void Bc5cdr_to_brat_and_back_keeps_every_entity_and_relation()
    {
        using var dir = new TempFolder();
        var (docs, _) = ReadStrict(Bc5cdr("TestSet"));
        var folder = dir.File("brat");
        var report = new ReadReport();
        CorpusFormats.Write(docs, folder, "brat", report);
        var (back, _) = ReadStrict(folder);
        // BRAT holds no concept ids (counted by the writer); mentions and the mention pairs of relations survive.
        report.Notes.Keys.Should().Equal("brat: concept ids not written");
        Canon.Of(back.OrderBy(d => d.Id, StringComparer.Ordinal), withConcepts: false)
            .Should().Equal(Canon.Of(docs.OrderBy(d => d.Id, StringComparer.Ordinal), withConcepts: false));
    }

    [Theory]
    [InlineData("train.tsv", 4560, 118170, 5203, 4182)]
    [InlineData("devel.tsv", 4581, 117453, 5347, 4246)]
    [InlineData("test.tsv", 4797, 124750, 5385, 4424)]
    public void Bc5cdr_bio_files_read_as_conll(string file, int sentences, int tokens, int chemicals, int diseases)
    {
        var path = SharedData.File("bc5cdr", "bio", file);
        CorpusFormats.Resolve(path).Name.Should().Be("conll");
        var (docs, _) = ReadStrict(path);
        var doc = docs.Should().ContainSingle().Which;
        doc.Text.Split('\n').Should().HaveCount(sentences);
        doc.Text.Split('\n').Sum(s => s.Split(' ').Length).Should().Be(tokens);
        Count(docs, "Chemical").Should().Be(chemicals);
        Count(docs, "Disease").Should().Be(diseases);
    }

    [Theory]
    [InlineData("gad", 53300, 28010, 5330)]
    [InlineData("euadr", 3550, 2620, 355)]
    public void Gad_and_euadr_folds_read_with_one_gene_and_one_disease_per_line(string corpus, int lines, int positives, int testLines)
    {
        var files = Directory.GetFiles(SharedData.File(corpus), "*.tsv", SearchOption.AllDirectories);
        files.Should().HaveCount(20);
        var all = new List<AnnotatedDocument>();
        var test = 0;
        foreach (var f in files)
        {
            CorpusFormats.Resolve(f).Name.Should().Be("biobert-tsv");
            var (docs, _) = ReadStrict(f);
            all.AddRange(docs);
            if (Path.GetFileName(f) == "test.tsv") test += docs.Count;
        }
        all.Should().HaveCount(lines);
        all.Count(d => d.Relations.Count == 1).Should().Be(positives);
        all.Should().OnlyContain(d => d.Entities.Count == 2 && d.Entities.Any(e => e.Label == "Gene") && d.Entities.Any(e => e.Label == "Disease"));
        test.Should().Be(testLines);
    }

    [Fact]
    public void Ade_corpus_reads_every_relation_line_with_each_mention_placed_in_its_sentence()
    {
        var path = SharedData.File("ade_corpus_v2");
        CorpusFormats.Resolve(path).Name.Should().Be("ade");
        var (docs, report) = ReadStrict(path);
        // 4,272 DRUG-AE sentences (the 213 DRUG-DOSE sentences are among them) + 16,688 distinct ADE-NEG sentences.
        docs.Should().HaveCount(4272 + 16688);
        docs.SelectMany(d => d.Relations).Count(r => r.Label == AdeFormat.AdverseEffectRelation).Should().Be(6821);
        docs.SelectMany(d => d.Relations).Count(r => r.Label == AdeFormat.DosageRelation).Should().Be(279);
        Count(docs, AdeFormat.DrugLabel).Should().Be(5063);
        Count(docs, AdeFormat.AdverseEffectLabel).Should().Be(5776);
        Count(docs, AdeFormat.DosageLabel).Should().Be(230);
        docs.Count(d => d.Document.Meta.ContainsKey("negative")).Should().Be(16688);
        report.Notes.Should().Equal(new Dictionary<string, int> { ["ade: repeated ADE-NEG sentence (kept once)"] = 7 });
    }

    [Theory]
    [InlineData("train.jsonl", 1653, 4169)]
    [InlineData("dev.jsonl", 910, 2425)] // 2,427 lines, two of them repeated
    [InlineData("test.jsonl", 1397, 3469)]
    public void Chemprot_reads_every_pair_as_chemical_to_gene(string file, int sentences, int relations)
    {
        var path = SharedData.File("chemprot", file);
        CorpusFormats.Resolve(path).Name.Should().Be("chemprot");
        var (docs, _) = ReadStrict(path);
        docs.Should().HaveCount(sentences);
        docs.SelectMany(d => d.Relations).Should().HaveCount(relations);
        docs.Should().OnlyContain(d => d.Relations.All(r => d.FindEntity(r.HeadId)!.Label == "Chemical" && d.FindEntity(r.TailId)!.Label == "Gene"));
    }

    [Theory]
    [InlineData("rsAnnotations-1-120-random.txt", true)]
    [InlineData("genConText-rsAnnotations-1-120-random.txt", true)]
    [InlineData("Annotations-1-120.txt", false)]
    public void Negex_kit_reads_2376_rows_with_the_published_label_counts(string file, bool hasContext)
    {
        var path = SharedData.File("negex", file);
        CorpusFormats.Resolve(path).Name.Should().Be("negex");
        var (docs, report) = ReadStrict(path);
        docs.Should().HaveCount(2376);
        var entities = docs.SelectMany(d => d.Entities).ToList();
        entities.Should().HaveCount(2376 - 11);
        report.Notes["negex: condition not found in its sentence (document kept without the entity)"].Should().Be(11);
        docs.Count(d => d.Document.Meta["negation"] == "Negated").Should().Be(491);
        entities.Count(e => e.Assertions.HasFlag(Assertions.Negated)).Should().Be(491 - docs.Count(d => d.Entities.Count == 0 && d.Document.Meta["negation"] == "Negated"));
        if (hasContext)
        {
            docs.Count(d => d.Document.Meta["temporality"] == "Historical").Should().Be(257);
            docs.Count(d => d.Document.Meta["temporality"] == "Not particular").Should().Be(56);
            docs.Count(d => d.Document.Meta["experiencer"] == "Family member").Should().Be(4);
            docs.Count(d => d.Document.Meta["experiencer"] == "Other").Should().Be(2);
            entities.Count(e => e.Assertions.HasFlag(Assertions.Hypothetical)).Should().Be(56);
            entities.Count(e => e.Assertions.HasFlag(Assertions.Family)).Should().Be(4);
        }
    }

    [Theory]
    [InlineData("mtsamples/mtsamples_sample.csv", "1")]
    [InlineData("pmc_patients/pmc_patients_sample.csv", "8535945-4")]
    [InlineData("synthetic_notes/synthetic_notes.csv", null)]
    public void Note_csvs_read_500_notes(string file, string? firstId)
    {
        var path = SharedData.File(file.Split('/'));
        CorpusFormats.Resolve(path).Name.Should().Be("csv");
        var (docs, _) = ReadStrict(path);
        docs.Should().HaveCount(500);
        docs.Should().OnlyContain(d => d.Text.Length > 100);
        docs.Select(d => d.Id).Should().OnlyHaveUniqueItems();
        if (firstId is not null) docs[0].Id.Should().Be(firstId);
    }
}
