namespace Asclepius.TextMining.Ner.Evaluation;

/// <summary>Strict span counts for one label (or all labels, micro-averaged).</summary>
public sealed record NerLabelScore(string Label, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public int Gold => TruePositives + FalseNegatives;
    public int Predicted => TruePositives + FalsePositives;
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)TruePositives / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
