using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Scores a predicted corpus against a gold one: documents paired by id (<see cref="DocumentPairing"/>),
/// entities strict and lenient (<see cref="EntityMatcher"/>), relations strict and document level
/// (<see cref="RelationEvaluator"/>). Micro scores sum counts over labels; macro scores average the
/// per-label scores over every label seen in gold or predictions.
/// On entities decoded from CoNLL tags (one chunk per span) the strict entity counts are conlleval's:
/// see <see cref="ConllScorer"/>.
/// </summary>
public static class CorpusEvaluator
{
    public static EvaluationResult Evaluate(
        IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted, DocumentPairingMode pairing = DocumentPairingMode.ById) =>
        Evaluate(DocumentPairing.Pair(gold, predicted, pairing));

    public static EvaluationResult Evaluate(IReadOnlyList<DocumentPair> pairs)
    {
        var entities = new EntityScores(
            ScoreEntities(pairs, EntityMatchMode.Strict),
            ScoreEntities(pairs, EntityMatchMode.Lenient));
        var anyRelations = pairs.Any(p => p.Gold.Relations.Count > 0 || p.Predicted.Relations.Count > 0);
        var relations = anyRelations ? RelationEvaluator.Evaluate(pairs) : null;
        return new EvaluationResult(pairs.Count, entities, relations);
    }

    public static ScoreTable ScoreEntities(IEnumerable<DocumentPair> pairs, EntityMatchMode mode)
    {
        var counts = new PrfAccumulator();
        foreach (var pair in pairs)
        {
            var alignment = EntityMatcher.Match(pair.Gold.Entities, pair.Predicted.Entities, mode);
            foreach (var m in alignment.Matches) counts.TruePositive(m.Gold.Label);
            foreach (var g in alignment.Missed) counts.FalseNegative(g.Label);
            foreach (var p in alignment.Spurious) counts.FalsePositive(p.Label);
        }
        return counts.ToTable();
    }
}
