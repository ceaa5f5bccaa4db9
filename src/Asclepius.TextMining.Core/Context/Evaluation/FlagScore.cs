namespace Asclepius.TextMining.Core.Context.Evaluation;

/// <summary>Counts for one yes/no decision (an assertion flag, or one class against the rest) and the scores they give.</summary>
public sealed record FlagScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Support => TruePositives + FalseNegatives;
    public int Predicted => TruePositives + FalsePositives;

    /// <summary>1 when nothing was predicted and nothing was expected: no mistakes were possible.</summary>
    public double Precision => Predicted == 0 ? (Support == 0 ? 1 : 0) : TruePositives / (double)Predicted;
    public double Recall => Support == 0 ? (Predicted == 0 ? 1 : 0) : TruePositives / (double)Support;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double Accuracy
    {
        get
        {
            var all = TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
            return all == 0 ? 1 : (TruePositives + TrueNegatives) / (double)all;
        }
    }
}
