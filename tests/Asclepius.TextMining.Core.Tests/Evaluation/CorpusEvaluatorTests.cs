using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class CorpusEvaluatorTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void Corpus_against_itself_scores_one_everywhere()
    {
        var gold = EvaluationCorpus.Gold();
        var result = CorpusEvaluator.Evaluate(gold, EvaluationCorpus.Gold());

        result.Documents.Should().Be(3);
        var tables = new[] { result.Entities.Strict, result.Entities.Lenient, result.Relations!.Strict, result.Relations.DocumentLevel };
        foreach (var table in tables)
        {
            AssertPerfect(table.Micro);
            table.Macro.Precision.Should().Be(1.0);
            table.Macro.Recall.Should().Be(1.0);
            table.Macro.F1.Should().Be(1.0);
            foreach (var score in table.Labels.Values) AssertPerfect(score);
        }
        result.Entities.Strict.Labels.Keys.Should().Equal("Chemical", "Disease");
        result.Entities.Strict.Micro.TruePositives.Should().Be(8);
        result.Relations.Strict.Labels.Keys.Should().Equal("CID");
        result.Relations.Strict.Micro.TruePositives.Should().Be(4);
        result.Relations.DocumentLevel.Micro.TruePositives.Should().Be(4);
    }

    [Fact]
    public void Strict_entity_scores_of_the_edited_copy_match_the_hand_computed_numbers()
    {
        var t = CorpusEvaluator.Evaluate(EvaluationCorpus.Gold(), EvaluationCorpus.EditedPrediction()).Entities.Strict;

        // Chemical: gold Cisplatin, Lithium, haloperidol, Aspirin; predicted Cisplatin, haloperidol, Aspirin.
        //   tp 3, fp 0, fn 1 (Lithium became Disease) → P 1, R 3/4, F1 2·3/(2·3+0+1) = 6/7.
        AssertCounts(t["Chemical"], 3, 0, 1, 1.0, 0.75, 6.0 / 7);
        // Disease: gold acute renal failure, nausea, neurotoxicity, fever;
        //   predicted renal failure, Lithium, neurotoxicity, fever, patient.
        //   tp 2, fp 3 (renal failure, Lithium, patient), fn 2 (acute renal failure, nausea) → P 2/5, R 2/4, F1 4/9.
        AssertCounts(t["Disease"], 2, 3, 2, 0.4, 0.5, 4.0 / 9);
        // micro: tp 5, fp 3, fn 3 → P = R = F1 = 5/8.
        AssertCounts(t.Micro, 5, 3, 3, 0.625, 0.625, 0.625);
        // macro: P (1 + 0.4)/2 = 0.7, R (0.75 + 0.5)/2 = 0.625, F1 (6/7 + 4/9)/2 = 41/63.
        t.Macro.Precision.Should().BeApproximately(0.7, Tol);
        t.Macro.Recall.Should().BeApproximately(0.625, Tol);
        t.Macro.F1.Should().BeApproximately(41.0 / 63, Tol);
        t.Macro.Labels.Should().Be(2);
    }

    [Fact]
    public void Lenient_entity_scores_of_the_edited_copy_match_the_hand_computed_numbers()
    {
        var t = CorpusEvaluator.Evaluate(EvaluationCorpus.Gold(), EvaluationCorpus.EditedPrediction()).Entities.Lenient;

        // Chemical as strict: "Lithium" overlaps but its label differs. tp 3, fp 0, fn 1.
        AssertCounts(t["Chemical"], 3, 0, 1, 1.0, 0.75, 6.0 / 7);
        // Disease: "renal failure" now matches "acute renal failure". tp 3, fp 2 (Lithium, patient), fn 1 (nausea)
        //   → P 3/5, R 3/4, F1 6/9.
        AssertCounts(t["Disease"], 3, 2, 1, 0.6, 0.75, 2.0 / 3);
        // micro: tp 6, fp 2, fn 2 → 0.75 each.
        AssertCounts(t.Micro, 6, 2, 2, 0.75, 0.75, 0.75);
        // macro: P (1 + 0.6)/2 = 0.8, R 0.75, F1 (6/7 + 2/3)/2 = 16/21.
        t.Macro.Precision.Should().BeApproximately(0.8, Tol);
        t.Macro.Recall.Should().BeApproximately(0.75, Tol);
        t.Macro.F1.Should().BeApproximately(16.0 / 21, Tol);
    }

    [Fact]
    public void Relation_scores_of_the_edited_copy_match_the_hand_computed_numbers()
    {
        var r = CorpusEvaluator.Evaluate(EvaluationCorpus.Gold(), EvaluationCorpus.EditedPrediction()).Relations!;

        // Strict: gold d1 Cisplatin→acute renal failure, Cisplatin→nausea; d2 Lithium→neurotoxicity, haloperidol→neurotoxicity.
        // Predicted d1 Cisplatin→renal failure (tail span differs), d2 Lithium(Disease)→neurotoxicity (head label
        // differs), haloperidol→neurotoxicity (match). tp 1, fp 2, fn 3 → P 1/3, R 1/4, F1 2/7.
        AssertCounts(r.Strict.Micro, 1, 2, 3, 1.0 / 3, 0.25, 2.0 / 7);
        AssertCounts(r.Strict["CID"], 1, 2, 3, 1.0 / 3, 0.25, 2.0 / 7);
        r.Strict.Macro.F1.Should().BeApproximately(2.0 / 7, Tol);

        // Document level (concept = lower-cased text here): gold {(cisplatin, acute renal failure), (cisplatin, nausea)},
        // {(lithium, neurotoxicity), (haloperidol, neurotoxicity)}; predicted {(cisplatin, renal failure)},
        // {(lithium, neurotoxicity), (haloperidol, neurotoxicity)}: entity labels do not matter at this level.
        // tp 2, fp 1, fn 2 → P 2/3, R 1/2, F1 4/7.
        AssertCounts(r.DocumentLevel.Micro, 2, 1, 2, 2.0 / 3, 0.5, 4.0 / 7);
    }

    [Fact]
    public void Lenient_true_positives_are_never_fewer_than_strict_ones()
    {
        var result = CorpusEvaluator.Evaluate(EvaluationCorpus.Gold(), EvaluationCorpus.EditedPrediction());
        result.Entities.Lenient.Micro.TruePositives.Should().BeGreaterThanOrEqualTo(result.Entities.Strict.Micro.TruePositives);
        (result.Entities.Lenient.Micro.TruePositives + result.Entities.Lenient.Micro.FalseNegatives).Should().Be(8, "every gold entity is a tp or an fn");
    }

    [Fact]
    public void Empty_prediction_scores_zero_not_an_error()
    {
        var gold = EvaluationCorpus.Gold();
        var empty = gold.Select(d => d.WithoutAnnotations()).ToList();
        var result = CorpusEvaluator.Evaluate(gold, empty);
        AssertCounts(result.Entities.Strict.Micro, 0, 0, 8, 0, 0, 0);
        AssertCounts(result.Relations!.DocumentLevel.Micro, 0, 0, 4, 0, 0, 0);
    }

    [Fact]
    public void Relations_are_absent_when_neither_side_has_any()
    {
        var gold = new[] { Docs.Annotated("a", "Aspirin reduced fever .", ("Aspirin", "Chemical")) };
        CorpusEvaluator.Evaluate(gold, gold).Relations.Should().BeNull();
    }

    [Fact]
    public void Documents_are_paired_by_id_whatever_their_order()
    {
        var gold = EvaluationCorpus.Gold();
        var reversed = EvaluationCorpus.Gold().Reverse().ToList();
        CorpusEvaluator.Evaluate(gold, reversed).Entities.Strict.Micro.F1.Should().Be(1.0);
    }

    [Fact]
    public void Label_seen_only_in_predictions_lowers_the_macro_average()
    {
        var gold = new[] { Docs.Annotated("a", "Aspirin reduced fever .", ("Aspirin", "Chemical")) };
        var pred = new[] { Docs.Annotated("a", "Aspirin reduced fever .", ("Aspirin", "Chemical"), ("fever", "Disease")) };
        var t = CorpusEvaluator.Evaluate(gold, pred).Entities.Strict;
        // Chemical 1/1/1, Disease tp 0 fp 1 fn 0 → 0/0/0; macro over both labels = 0.5.
        t.Macro.F1.Should().Be(0.5);
        t.Macro.Labels.Should().Be(2);
        AssertCounts(t.Micro, 1, 1, 0, 0.5, 1.0, 2.0 / 3);
    }

    private static void AssertPerfect(PrfScore s)
    {
        s.Precision.Should().Be(1.0);
        s.Recall.Should().Be(1.0);
        s.F1.Should().Be(1.0);
        s.FalsePositives.Should().Be(0);
        s.FalseNegatives.Should().Be(0);
    }

    internal static void AssertCounts(PrfScore s, int tp, int fp, int fn, double p, double r, double f1)
    {
        (s.TruePositives, s.FalsePositives, s.FalseNegatives).Should().Be((tp, fp, fn));
        s.Precision.Should().BeApproximately(p, Tol);
        s.Recall.Should().BeApproximately(r, Tol);
        s.F1.Should().BeApproximately(f1, Tol);
    }
}
