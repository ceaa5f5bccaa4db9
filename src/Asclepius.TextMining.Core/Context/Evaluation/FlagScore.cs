namespace Asclepius.TextMining.Core.Context.Evaluation;

/// <summary>Counts for one yes/no decision (an assertion flag, or one class against the rest) and the scores they give.</summary>
public sealed record FlagScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Support => TruePositives + FalseNegatives;
    public int Predicted => TruePositives + FalsePositives;

    /// <summary>0 when nothing was predicted: the project's convention (conlleval's), see docs/EVALUATION.md.</summary>
    public double Precision => Predicted == 0 ? 0 : TruePositives / (double)Predicted;
    public double Recall => Support == 0 ? 0 : TruePositives / (double)Support;
    public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / (2 * TruePositives + FalsePositives + FalseNegatives);
    public double Accuracy
    {
        get
        {
            var all = TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
            return all == 0 ? 1 : (TruePositives + TrueNegatives) / (double)all;
        }
    }
}
