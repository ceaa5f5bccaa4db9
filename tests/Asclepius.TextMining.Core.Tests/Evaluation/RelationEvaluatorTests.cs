using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class RelationEvaluatorTests
{
    private const string Text = "Cisplatin induced nephrotoxicity ; cisplatin nephrotoxicity was severe .";

    private static AnnotatedDocument Doc() =>
        Docs.Annotated("d", Text, ("Cisplatin", "Chemical"), ("nephrotoxicity", "Disease"), ("cisplatin", "Chemical"), ("nephrotoxicity", "Disease"));

    [Fact]
    public void Strict_relation_direction_matters()
    {
        var gold = Doc().WithRelation("CID", "T1", "T2");
        var pred = Doc().WithRelation("CID", "T2", "T1");
        var r = RelationEvaluator.Evaluate([new DocumentPair(gold, pred)]);
        CorpusEvaluatorTests.AssertCounts(r.Strict.Micro, 0, 1, 1, 0, 0, 0);
    }

    [Fact]
    public void Strict_relation_label_matters()
    {
        var gold = Doc().WithRelation("CID", "T1", "T2");
        var pred = Doc().WithRelation("TREATS", "T1", "T2");
        var r = RelationEvaluator.Evaluate([new DocumentPair(gold, pred)]);
        r.Strict["CID"].FalseNegatives.Should().Be(1);
        r.Strict["TREATS"].FalsePositives.Should().Be(1);
    }

    [Fact]
    public void Document_level_pairs_from_text_are_case_insensitive_and_counted_once()
    {
        // Gold: one relation on the first mentions. Prediction: the same concept pair from both mention
        // pairs ("Cisplatin"/"cisplatin" normalize to one concept): one document-level true positive.
        var gold = Doc().WithRelation("CID", "T1", "T2");
        var pred = Doc().WithRelation("CID", "T1", "T2").WithRelation("CID", "T3", "T4");
        var r = RelationEvaluator.Evaluate([new DocumentPair(gold, pred)]);
        CorpusEvaluatorTests.AssertCounts(r.DocumentLevel.Micro, 1, 0, 0, 1, 1, 1);
        CorpusEvaluatorTests.AssertCounts(r.Strict.Micro, 1, 1, 0, 0.5, 1, 2.0 / 3);
    }

    [Fact]
    public void Document_level_uses_relation_concepts_when_set()
    {
        // PubTator CID: concepts given on the relation. A prediction naming other mentions of the same
        // concepts matches; one naming the right mentions but another concept id does not.
        var gold = Doc() with { Relations = [new Relation("R1", "CID", "T1", "T2", HeadConcept: "D002945", TailConcept: "D007674")] };
        var sameConcepts = Doc() with { Relations = [new Relation("R1", "CID", "T3", "T4", HeadConcept: "D002945", TailConcept: "D007674")] };
        var otherConcept = Doc() with { Relations = [new Relation("R1", "CID", "T1", "T2", HeadConcept: "D002945", TailConcept: "D000001")] };

        RelationEvaluator.Evaluate([new DocumentPair(gold, sameConcepts)]).DocumentLevel.Micro.F1.Should().Be(1.0);
        RelationEvaluator.Evaluate([new DocumentPair(gold, otherConcept)]).DocumentLevel.Micro.F1.Should().Be(0.0);
    }

    [Fact]
    public void Concept_falls_back_to_normalized_text()
    {
        var doc = Docs.Annotated("d", "Acute   Renal\nFailure", ("Acute   Renal\nFailure", "Disease"));
        RelationEvaluator.ConceptOf(doc, null, "T1", "R1").Should().Be("acute renal failure");
        RelationEvaluator.ConceptOf(doc, " D123 ", "T1", "R1").Should().Be("D123");
    }

    [Fact]
    public void Relation_naming_a_missing_entity_is_an_error_naming_the_document()
    {
        var gold = Doc().WithRelation("CID", "T1", "T9");
        var act = () => RelationEvaluator.Evaluate([new DocumentPair(gold, Doc())]);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.DanglingReference && e.Message.Contains("document d") && e.Message.Contains("T9"));
    }
}
