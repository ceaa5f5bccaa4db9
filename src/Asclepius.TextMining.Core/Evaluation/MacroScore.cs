namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Unweighted means over labels of the per-label precision, recall and F1 (F1 is the mean of the
/// per-label F1s, as scikit-learn's average="macro", not the F1 of the mean P and R).
/// <see cref="Labels"/> is how many labels were averaged: every label seen in gold or predictions.
/// </summary>
public sealed record MacroScore(double Precision, double Recall, double F1, int Labels)
{
    public static readonly MacroScore Empty = new(0, 0, 0, 0);

    public static MacroScore Of(IEnumerable<PrfScore> perLabel)
    {
        var scores = perLabel.ToList();
        if (scores.Count == 0) return Empty;
        return new MacroScore(scores.Average(s => s.Precision), scores.Average(s => s.Recall), scores.Average(s => s.F1), scores.Count);
    }
}
