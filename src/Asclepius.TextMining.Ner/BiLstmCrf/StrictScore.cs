namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>Strict entity-level micro precision, recall and F1: a prediction counts only with the exact span and label.</summary>
internal readonly record struct StrictScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static StrictScore Compute(IEnumerable<(int Doc, int Start, int End, string Label)> gold, IEnumerable<(int Doc, int Start, int End, string Label)> predicted)
    {
        var g = gold.ToHashSet();
        var p = predicted.ToHashSet();
        var tp = p.Count(g.Contains);
        return new StrictScore(tp, p.Count - tp, g.Count - tp);
    }
}
