namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>Counts true positives, false positives and false negatives per label while matching; not thread-safe.</summary>
public sealed class PrfAccumulator
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = new(StringComparer.Ordinal);

    public void TruePositive(string label, int by = 1) => Update(label, by, 0, 0);

    public void FalsePositive(string label, int by = 1) => Update(label, 0, by, 0);

    public void FalseNegative(string label, int by = 1) => Update(label, 0, 0, by);

    public ScoreTable ToTable() =>
        ScoreTable.From(_counts.Select(kv => KeyValuePair.Create(kv.Key, new PrfScore(kv.Value.Tp, kv.Value.Fp, kv.Value.Fn))));

    private void Update(string label, int tp, int fp, int fn)
    {
        _counts.TryGetValue(label, out var c);
        _counts[label] = (c.Tp + tp, c.Fp + fp, c.Fn + fn);
    }
}
