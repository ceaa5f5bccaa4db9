using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Ner.Evaluation;

/// <summary>
/// Strict NER scores (a prediction counts only with the exact span and label), per label and micro.
/// Used during training (dev F1 for model selection, metrics.json); the user-facing `evaluate` command
/// scores with Core's evaluation so that both agree on the same definition.
/// </summary>
public sealed record NerScores(IReadOnlyDictionary<string, NerLabelScore> PerLabel, NerLabelScore Micro)
{
    public static NerScores Compute(IEnumerable<(IReadOnlyList<Entity> Gold, IReadOnlyList<Entity> Predicted)> documents)
    {
        var tp = new Dictionary<string, int>(StringComparer.Ordinal);
        var fp = new Dictionary<string, int>(StringComparer.Ordinal);
        var fn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (gold, predicted) in documents)
        {
            var g = gold.Select(e => (e.Span, e.Label)).ToHashSet();
            var p = predicted.Select(e => (e.Span, e.Label)).ToHashSet();
            foreach (var x in p)
            {
                var d = g.Contains(x) ? tp : fp;
                d[x.Label] = d.GetValueOrDefault(x.Label) + 1;
            }
            foreach (var x in g)
                if (!p.Contains(x)) fn[x.Label] = fn.GetValueOrDefault(x.Label) + 1;
        }
        var labels = tp.Keys.Concat(fp.Keys).Concat(fn.Keys).Distinct().Order(StringComparer.Ordinal);
        var per = labels.ToDictionary(l => l, l => new NerLabelScore(l, tp.GetValueOrDefault(l), fp.GetValueOrDefault(l), fn.GetValueOrDefault(l)), StringComparer.Ordinal);
        var micro = new NerLabelScore("micro", per.Values.Sum(s => s.TruePositives), per.Values.Sum(s => s.FalsePositives), per.Values.Sum(s => s.FalseNegatives));
        return new NerScores(per, micro);
    }
}
