using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Picks the decision threshold with the best micro F1 on a dev corpus, with gold entities given. NONE
/// dominates the candidate pairs of real corpora, so 0.5 is rarely the best cut.
/// </summary>
public static class ThresholdTuner
{
    public static readonly float[] Grid = [0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f];

    public static (PairClassifierModel Model, IReadOnlyList<(float Threshold, double F1)> Curve) Tune(PairClassifierModel model, LabelSchema schema, IReadOnlyList<AnnotatedDocument> dev)
    {
        var tokens = dev.Select(d => ClinicalTokenizer.Default.Tokenize(d.Text)).ToArray();
        var curve = new List<(float, double)>();
        var best = (Threshold: model.Options.Threshold, F1: -1.0);
        foreach (var threshold in Grid)
        {
            var candidate = new PairClassifierExtractor(model.WithThreshold(threshold), schema);
            var predicted = dev.Select((d, i) => new AnnotatedDocument(d.Document, d.Entities, candidate.Extract(d.Document, tokens[i], d.Entities))).ToList();
            var scores = RelationEvaluator.Evaluate(DocumentPairing.Pair(dev, predicted));
            var f1 = (model.DocumentLevel ? scores.DocumentLevel : scores.Strict).Micro.F1;
            curve.Add((threshold, f1));
            if (f1 > best.F1) best = (threshold, f1);
        }
        return (model.WithThreshold(best.Threshold), curve);
    }
}
