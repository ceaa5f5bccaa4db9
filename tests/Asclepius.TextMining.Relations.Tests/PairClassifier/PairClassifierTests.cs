using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Relations.Tests.PairClassifier;

public sealed class PairClassifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-re-").FullName;
    private static readonly PairClassifierOptions Options = new() { HashBits = 16, MaxIterations = 100, L1 = 0f, L2 = 0.01f };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PairClassifierModel Train(int seed = 1) =>
        PairClassifierTrainer.Train(RelationFixtures.Corpus(40), RelationFixtures.Schema, Options with { Seed = seed }, out _);

    private static List<string> Predict(PairClassifierExtractor extractor, IEnumerable<AnnotatedDocument> docs) =>
        docs.SelectMany(d => extractor.Extract(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities)
            .Select(r => $"{d.Id}:{r.Label}:{r.HeadId}>{r.TailId}:{r.Score:F5}")).ToList();

    [Fact]
    public void Learns_induced_relations_and_not_treatment()
    {
        var extractor = new PairClassifierExtractor(Train(), RelationFixtures.Schema);
        var test = RelationFixtures.Corpus(16, offset: 3);
        var predicted = test.ToDictionary(d => d.Id, d => extractor.Extract(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities).Count);
        foreach (var d in test) predicted[d.Id].Should().Be(d.Relations.Count, $"document {d.Id}: '{d.Text}'");
    }

    [Fact]
    public void Candidates_follow_schema_direction_and_window()
    {
        var doc = Docs.Annotated("w", "Lithium was stopped. Hypothyroidism resolved.", ("Lithium", "Chemical"), ("Hypothyroidism", "Disease"));
        var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
        new CandidateFinder(RelationFixtures.Schema, 0).Find(tokens, doc.Entities).Should().BeEmpty();
        var across = new CandidateFinder(RelationFixtures.Schema, 1).Find(tokens, doc.Entities);
        across.Should().ContainSingle().Which.Head.Label.Should().Be("Chemical");
    }

    [Fact]
    public void Saved_package_reloads_with_identical_predictions()
    {
        var model = Train();
        var path = Path.Combine(_dir, "re.zip");
        new ModelPackageBuilder("re-test", RelationFixtures.Schema)
            .AddComponent("relations", PairClassifierExtractor.ComponentKind, model.ToFiles()).Save(path);
        var package = ModelPackage.Open(path, new HashSet<string> { PairClassifierExtractor.ComponentKind });
        var reloaded = PairClassifierExtractor.Load(package, package.FindComponent("relations")!);
        var test = RelationFixtures.Corpus(12, offset: 5);
        Predict(reloaded, test).Should().Equal(Predict(new PairClassifierExtractor(model, RelationFixtures.Schema), test));
    }

    [Fact]
    public void Same_seed_gives_same_predictions()
    {
        var test = RelationFixtures.Corpus(12, offset: 1);
        Predict(new PairClassifierExtractor(Train(7), RelationFixtures.Schema), test)
            .Should().Equal(Predict(new PairClassifierExtractor(Train(7), RelationFixtures.Schema), test));
    }

    [Fact]
    public void Tampered_weights_are_refused()
    {
        var path = Path.Combine(_dir, "re.zip");
        new ModelPackageBuilder("re-test", RelationFixtures.Schema).AddComponent("relations", PairClassifierExtractor.ComponentKind, Train().ToFiles()).Save(path);
        var bytes = File.ReadAllBytes(path);
        // Flip one byte inside the stored data (past the local header of the first entry).
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var act = () => ModelPackage.Open(path, new HashSet<string> { PairClassifierExtractor.ComponentKind });
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageHashMismatch || e.Code == ErrorCodes.PackageMalformed);
    }

    [Fact]
    public void Empty_corpus_is_rejected() =>
        FluentActions.Invoking(() => PairClassifierTrainer.Train([], RelationFixtures.Schema, Options, out _))
            .Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid);

    [Fact]
    public void Corpus_without_relations_is_rejected()
    {
        var docs = RelationFixtures.Corpus(8).Select(d => d with { Relations = [] }).ToList();
        FluentActions.Invoking(() => PairClassifierTrainer.Train(docs, RelationFixtures.Schema, Options, out _))
            .Should().Throw<TextMiningException>().WithMessage("*nothing to learn*");
    }

    [Fact]
    public void Relation_label_outside_the_schema_is_rejected_with_the_document()
    {
        var docs = RelationFixtures.Corpus(8);
        docs[2] = docs[2] with { Relations = [new Relation("R1", "Treats", docs[2].Entities[0].Id, docs[2].Entities[1].Id)] };
        FluentActions.Invoking(() => PairClassifierTrainer.Train(docs, RelationFixtures.Schema, Options, out _))
            .Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.LabelNotInSchema && e.Message.Contains("d2") && e.Message.Contains("Treats"));
    }

    [Fact]
    public void Document_level_relations_aggregate_to_concept_pairs()
    {
        // Two mentions of each concept; the gold relation is stated between concepts.
        var text = "Cisplatin nephrotoxicity was seen. After cisplatin, nephrotoxicity persisted and fever occurred.";
        var docs = new List<AnnotatedDocument>();
        for (var i = 0; i < 12; i++)
        {
            var e = new List<Entity>
            {
                new("T1", new TextSpan(0, 9), "Chemical", Concept: "D1"),
                new("T2", new TextSpan(10, 24), "Disease", Concept: "D2"),
                new("T3", new TextSpan(41, 50), "Chemical", Concept: "D1"),
                new("T4", new TextSpan(52, 66), "Disease", Concept: "D2"),
                new("T5", new TextSpan(81, 86), "Disease", Concept: "D3"),
            };
            docs.Add(new AnnotatedDocument(new Document($"p{i}", text), e, [new Relation("R1", "CID", "T1", "T2", HeadConcept: "D1", TailConcept: "D2")]));
        }
        var model = PairClassifierTrainer.Train(docs, RelationFixtures.Schema, Options with { SentenceWindow = -1 }, out var summary);
        model.DocumentLevel.Should().BeTrue();
        summary.GoldUnreachable.Should().Be(0);
        var relations = new PairClassifierExtractor(model, RelationFixtures.Schema).Extract(docs[0].Document, ClinicalTokenizer.Default.Tokenize(text), docs[0].Entities);
        relations.Should().ContainSingle().Which.Should().Match<Relation>(r => r.HeadConcept == "D1" && r.TailConcept == "D2");
    }

    [Fact]
    public void Document_level_relations_group_mentions_by_their_linked_concept_before_the_learned_dictionary()
    {
        // As Link.Dictionary.v1 leaves them: both chemical mentions linked to one vocabulary concept ("RX9"),
        // the disease mentions unlinked, so they fall back to what training mentions learned (D2) or their text.
        var text = "Cisplatin nephrotoxicity was seen. After cisplatin, nephrotoxicity persisted and fever occurred.";
        var docs = Enumerable.Range(0, 12).Select(i => new AnnotatedDocument(new Document($"p{i}", text),
        [
            new("T1", new TextSpan(0, 9), "Chemical", Concept: "D1"), new("T2", new TextSpan(10, 24), "Disease", Concept: "D2"),
            new("T3", new TextSpan(41, 50), "Chemical", Concept: "D1"), new("T4", new TextSpan(52, 66), "Disease", Concept: "D2"),
            new("T5", new TextSpan(81, 86), "Disease", Concept: "D3"),
        ], [new Relation("R1", "CID", "T1", "T2", HeadConcept: "D1", TailConcept: "D2")])).ToList();
        var model = PairClassifierTrainer.Train(docs, RelationFixtures.Schema, Options with { SentenceWindow = -1 }, out _);
        var linked = new List<Entity>
        {
            new("T1", new TextSpan(0, 9), "Chemical", Source: AnnotationSource.Predicted, Concept: "RX9"),
            new("T2", new TextSpan(10, 24), "Disease", Source: AnnotationSource.Predicted),
            new("T3", new TextSpan(41, 50), "Chemical", Source: AnnotationSource.Predicted, Concept: "RX9"),
            new("T4", new TextSpan(52, 66), "Disease", Source: AnnotationSource.Predicted),
            new("T5", new TextSpan(81, 86), "Disease", Source: AnnotationSource.Predicted),
        };

        var relations = new PairClassifierExtractor(model, RelationFixtures.Schema).Extract(docs[0].Document, ClinicalTokenizer.Default.Tokenize(text), linked);

        relations.Should().ContainSingle().Which.Should().Match<Relation>(r => r.HeadConcept == "RX9" && r.TailConcept == "D2");
    }
}
