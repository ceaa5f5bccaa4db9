using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Picks the decision threshold with the best micro F1 on a dev corpus, with gold entities given. NONE
/// dominates the candidate pairs of real corpora, so 0.5 is rarely the best cut. The candidates are scored
/// once; only the decision is repeated per threshold (a transformer's forward passes are not).
/// </summary>
public static class ThresholdTuner
{
    public static readonly float[] Grid = [0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f];

    public static (PairClassifierModel Model, IReadOnlyList<(float Threshold, double F1)> Curve) Tune(PairClassifierModel model, LabelSchema schema, IReadOnlyList<AnnotatedDocument> dev)
    {
        var extractor = new PairClassifierExtractor(model, schema);
        var scored = dev.Select(d => extractor.ScoreCandidates(ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities)).ToArray();
        var o = model.Options;
        var (threshold, curve) = Tune(dev, scored, new RelationDecoder(model.Labels, schema), new RelationDecision(model.DocumentLevel, o.Threshold, o.Aggregation, o.TopK), extractor.ConceptOf);
        return (model.WithThreshold(threshold), curve);
    }

    /// <param name="scored">Per dev document, its candidates with class probabilities.</param>
    /// <param name="decision">Everything but the threshold is kept; the first best threshold of the grid wins.</param>
    public static (float Threshold, IReadOnlyList<(float Threshold, double F1)> Curve) Tune(
        IReadOnlyList<AnnotatedDocument> dev,
        IReadOnlyList<IReadOnlyList<(RelationCandidate Candidate, float[] Probabilities)>> scored,
        RelationDecoder decoder,
        RelationDecision decision,
        Func<Document, Entity, string> conceptOf)
    {
        var curve = new List<(float, double)>();
        var best = (Threshold: decision.Threshold, F1: -1.0);
        foreach (var threshold in Grid)
        {
            var at = decision with { Threshold = threshold };
            var predicted = dev.Select((d, i) => new AnnotatedDocument(d.Document, d.Entities, decoder.Decode(d.Document, scored[i], at, conceptOf))).ToList();
            var f1 = Score(dev, predicted, decision.DocumentLevel);
            curve.Add((threshold, f1));
            if (f1 > best.F1) best = (threshold, f1);
        }
        return (best.Threshold, curve);
    }

    /// <summary>Micro F1 of predicted relations against gold: document level (concept pairs) or strict (mention pairs).</summary>
    public static double Score(IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted, bool documentLevel)
    {
        var scores = RelationEvaluator.Evaluate(DocumentPairing.Pair(gold, predicted));
        return (documentLevel ? scores.DocumentLevel : scores.Strict).Micro.F1;
    }
}
