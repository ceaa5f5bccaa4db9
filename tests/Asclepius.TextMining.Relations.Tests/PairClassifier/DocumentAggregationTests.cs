using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Relations.Tests.PairClassifier;

public sealed class DocumentAggregationTests
{
    private static readonly PairClassifierOptions Options = new() { HashBits = 16, MaxIterations = 100, L1 = 0f, L2 = 0.01f, SentenceWindow = -1 };

    [Fact]
    public void Max_takes_the_most_confident_mention_pair() =>
        DocumentAggregation.Combine([0.1f, 0.9f, 0.3f], DocumentAggregation.Max, 1).Should().BeApproximately(0.9f, 1e-6f);

    [Fact]
    public void Noisy_or_treats_mention_pairs_as_independent_evidence() =>
        DocumentAggregation.Combine([0.5f, 0.5f], DocumentAggregation.NoisyOr, 1).Should().BeApproximately(0.75f, 1e-6f);

    [Fact]
    public void Mean_top_k_averages_the_k_best_and_pads_missing_pairs_with_zero()
    {
        DocumentAggregation.Combine([0.2f, 0.9f, 0.7f], DocumentAggregation.MeanTopK, 2).Should().BeApproximately(0.8f, 1e-6f);
        // One mention pair at 0.9 with k = 2 counts as (0.9 + 0) / 2: a lone pair needs more confidence.
        DocumentAggregation.Combine([0.9f], DocumentAggregation.MeanTopK, 2).Should().BeApproximately(0.45f, 1e-6f);
    }

    [Fact]
    public void Unknown_rule_is_rejected_by_the_trainer_with_the_allowed_rules() =>
        FluentActions.Invoking(() => PairClassifierTrainer.Train(RelationFixtures.Corpus(8), RelationFixtures.Schema, Options with { Aggregation = "median" }, out _))
            .Should().Throw<TextMiningException>().WithMessage("*median*max*noisy-or*mean-top-k*");

    [Fact]
    public void Mean_top_k_needs_support_that_max_does_not()
    {
        // Gold: D1 → D2 is stated in every document; D1 → D3 never. Train on them, then read one document
        // with both rules at a threshold between the mean and the max of the D1 → D2 mention pairs.
        var docs = Enumerable.Range(0, 16).Select(i => ConceptDocument($"p{i}")).ToList();
        var model = PairClassifierTrainer.Train(docs, RelationFixtures.Schema, Options, out _);
        var doc = docs[0];
        var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
        var probe = new PairClassifierExtractor(model, RelationFixtures.Schema);
        var p = probe.ScoreCandidates(tokens, doc.Entities)
            .Where(x => x.Candidate.Head.ConceptIds[0] == "D1" && x.Candidate.Tail.ConceptIds[0] == "D2")
            .Select(x => x.Probabilities[1]).OrderDescending().ToArray();
        p.Should().HaveCount(4);
        var top2 = (p[0] + p[1]) / 2;
        var max = p[0];
        max.Should().BeGreaterThan(top2, "the four mention pairs sit in different contexts");

        var threshold = (max + top2) / 2;
        Extract(model.WithOptions(model.Options with { Aggregation = DocumentAggregation.Max, Threshold = threshold }), doc)
            .Should().Contain(r => r.HeadConcept == "D1" && r.TailConcept == "D2");
        Extract(model.WithOptions(model.Options with { Aggregation = DocumentAggregation.MeanTopK, TopK = 2, Threshold = threshold }), doc)
            .Should().NotContain(r => r.HeadConcept == "D1" && r.TailConcept == "D2");
    }

    [Fact]
    public void Scoring_window_drops_mention_pairs_in_far_sentences()
    {
        var doc = Docs.Annotated("w", "Lithium was stopped. Nothing else. Hypothyroidism resolved.", ("Lithium", "Chemical"), ("Hypothyroidism", "Disease"));
        var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
        var model = PairClassifierTrainer.Train(Enumerable.Range(0, 8).Select(i => ConceptDocument($"p{i}")).ToList(), RelationFixtures.Schema, Options, out _);
        new PairClassifierExtractor(model, RelationFixtures.Schema).ScoreCandidates(tokens, doc.Entities).Should().ContainSingle();
        new PairClassifierExtractor(model.WithOptions(model.Options with { ScoringWindow = 1 }), RelationFixtures.Schema).ScoreCandidates(tokens, doc.Entities).Should().BeEmpty();
    }

    [Fact]
    public void Models_saved_without_an_aggregation_rule_keep_reading_by_max()
    {
        var model = PairClassifierTrainer.Train(Enumerable.Range(0, 8).Select(i => ConceptDocument($"p{i}")).ToList(), RelationFixtures.Schema, Options with { Aggregation = DocumentAggregation.MeanTopK }, out _);
        var files = model.ToFiles().ToDictionary(kv => kv.Key, kv => kv.Value);
        var json = System.Text.Json.Nodes.JsonNode.Parse(files["model.json"])!.AsObject();
        json["options"]!.AsObject().Remove(nameof(PairClassifierOptions.Aggregation));
        files["model.json"] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        PairClassifierModel.FromFiles(files, "test").Options.Aggregation.Should().Be(DocumentAggregation.Max);
        PairClassifierModel.FromFiles(model.ToFiles(), "test").Options.Aggregation.Should().Be(DocumentAggregation.MeanTopK);
    }

    private static IReadOnlyList<Relation> Extract(PairClassifierModel model, AnnotatedDocument doc) =>
        new PairClassifierExtractor(model, RelationFixtures.Schema).Extract(doc.Document, ClinicalTokenizer.Default.Tokenize(doc.Text), doc.Entities);

    // Two mentions each of cisplatin (D1) and nephrotoxicity (D2), one of fever (D3); CID D1 → D2.
    private static AnnotatedDocument ConceptDocument(string id)
    {
        const string text = "Cisplatin nephrotoxicity was seen. After cisplatin, nephrotoxicity persisted and fever occurred.";
        var e = new List<Entity>
        {
            new("T1", new TextSpan(0, 9), "Chemical", Concept: "D1"),
            new("T2", new TextSpan(10, 24), "Disease", Concept: "D2"),
            new("T3", new TextSpan(41, 50), "Chemical", Concept: "D1"),
            new("T4", new TextSpan(52, 66), "Disease", Concept: "D2"),
            new("T5", new TextSpan(81, 86), "Disease", Concept: "D3"),
        };
        return new AnnotatedDocument(new Document(id, text), e, [new Relation("R1", "CID", "T1", "T2", HeadConcept: "D1", TailConcept: "D2")]);
    }
}
