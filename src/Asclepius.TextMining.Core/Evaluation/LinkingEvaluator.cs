using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>Scores the concept ids of predicted entities against gold ones (see <see cref="LinkingScores"/>).</summary>
public static class LinkingEvaluator
{
    /// <summary>True when there is something to score: gold mentions with ids and predictions with concepts.</summary>
    public static bool Applies(IEnumerable<DocumentPair> pairs) =>
        pairs.Any(p => p.Gold.Entities.Any(e => e.ConceptIds.Count > 0)) && pairs.Any(p => p.Predicted.Entities.Any(e => e.ConceptIds.Count > 0));

    public static LinkingScores Evaluate(IEnumerable<DocumentPair> pairs, Func<string, bool>? inVocabulary = null)
    {
        int gold = 0, matched = 0, linked = 0, correct = 0, inVocab = 0, inVocabCorrect = 0;
        var documents = new PrfAccumulator();
        foreach (var pair in pairs)
        {
            var predicted = new Dictionary<(int, int, string), Entity>();
            foreach (var e in pair.Predicted.Entities) predicted.TryAdd((e.Span.Start, e.Span.End, e.Label), e);
            foreach (var g in pair.Gold.Entities)
            {
                var ids = g.ConceptIds;
                if (ids.Count == 0) continue;
                gold++;
                if (!predicted.TryGetValue((g.Span.Start, g.Span.End, g.Label), out var p)) continue;
                matched++;
                var ok = p.ConceptIds.Any(ids.Contains);
                if (p.ConceptIds.Count > 0) linked++;
                if (ok) correct++;
                if (inVocabulary is not null && ids.Any(inVocabulary))
                {
                    inVocab++;
                    if (ok) inVocabCorrect++;
                }
            }
            foreach (var label in pair.Gold.Entities.Concat(pair.Predicted.Entities).Select(e => e.Label).Distinct())
            {
                var goldSet = pair.Gold.Entities.Where(e => e.Label == label).SelectMany(e => e.ConceptIds).ToHashSet(StringComparer.Ordinal);
                var predSet = pair.Predicted.Entities.Where(e => e.Label == label).SelectMany(e => e.ConceptIds).ToHashSet(StringComparer.Ordinal);
                documents.TruePositive(label, predSet.Count(goldSet.Contains));
                documents.FalsePositive(label, predSet.Count(c => !goldSet.Contains(c)));
                documents.FalseNegative(label, goldSet.Count(c => !predSet.Contains(c)));
            }
        }
        return new LinkingScores(gold, matched, linked, correct, inVocabulary is null ? null : (inVocab, inVocabCorrect), documents.ToTable());
    }
}
