using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Turns scored candidate pairs into relations, the same way for every relation model (the pair classifier and the
/// transformer): per mention pair, the best label the schema allows for the pair's entity labels, emitted when its
/// probability passes the threshold and beats NONE; with document-level relations, the probabilities of every mention
/// pair of a (head concept, tail concept) are combined per label by <see cref="DocumentAggregation"/> and the best
/// label is emitted when the combined probability passes the threshold, naming the concepts and the best-scoring
/// mention pair. Labels are indexed as the model's (index 0 is NONE).
/// </summary>
public sealed class RelationDecoder(IReadOnlyList<string> labels, LabelSchema schema)
{
    public IReadOnlyList<Relation> Decode(Document document, IReadOnlyList<(RelationCandidate Candidate, float[] Probabilities)> scored,
        RelationDecision decision, Func<Document, Entity, string> conceptOf)
    {
        var relations = new List<Relation>();
        if (!decision.DocumentLevel)
        {
            foreach (var (c, label, p) in MentionLevel(scored, decision.Threshold))
                relations.Add(new Relation($"R{relations.Count + 1}", label, c.Head.Id, c.Tail.Id, p, AnnotationSource.Predicted));
            return relations;
        }

        var byConcepts = new Dictionary<(string Head, string Tail), List<(RelationCandidate C, float[] P)>>();
        foreach (var (c, probs) in scored)
        {
            var key = (conceptOf(document, c.Head), conceptOf(document, c.Tail));
            if (!byConcepts.TryGetValue(key, out var list)) byConcepts[key] = list = new();
            list.Add((c, probs));
        }

        var found = new List<(string Head, string Tail, string Label, RelationCandidate C, float P)>();
        foreach (var ((h, t), pairs) in byConcepts)
        {
            var bestK = -1;
            var bestP = 0f;
            for (var k = 1; k < labels.Count; k++)
            {
                var allowed = pairs.Where(x => Allows(k, x.C)).Select(x => x.P[k]).ToArray();
                if (allowed.Length == 0) continue;
                var p = DocumentAggregation.Combine(allowed, decision.Aggregation, decision.TopK);
                if (bestK < 0 || p > bestP) (bestK, bestP) = (k, p);
            }
            if (bestK <= 0 || bestP < decision.Threshold) continue;
            var representative = pairs.MaxBy(x => x.P[bestK]).C;
            found.Add((h, t, labels[bestK], representative, bestP));
        }
        foreach (var (h, t, label, c, p) in found.OrderBy(x => x.C.HeadFirst).ThenBy(x => x.C.TailFirst))
            relations.Add(new Relation($"R{relations.Count + 1}", label, c.Head.Id, c.Tail.Id, p, AnnotationSource.Predicted, h, t));
        return relations;
    }

    /// <summary>Every candidate with its best allowed label and probability, where that passes the threshold and beats NONE.</summary>
    public List<(RelationCandidate Candidate, string Label, float Probability)> MentionLevel(IReadOnlyList<(RelationCandidate Candidate, float[] Probabilities)> scored, float threshold)
    {
        var result = new List<(RelationCandidate, string, float)>();
        foreach (var (c, probs) in scored)
        {
            var bestK = -1;
            for (var k = 1; k < probs.Length; k++)
            {
                if (!Allows(k, c)) continue;
                if (bestK < 0 || probs[k] > probs[bestK]) bestK = k;
            }
            if (bestK > 0 && probs[bestK] >= threshold && probs[bestK] >= probs[0])
                result.Add((c, labels[bestK], probs[bestK]));
        }
        return result;
    }

    /// <summary>A label the schema does not define is never emitted.</summary>
    private bool Allows(int k, RelationCandidate c) => schema.FindRelation(labels[k])?.Allows(c.Head.Label, c.Tail.Label) ?? false;
}
