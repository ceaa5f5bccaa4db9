namespace Asclepius.TextMining.Cli.Reports;

/// <summary>One row of a score chart: a label (or flag, or "micro"), its scores and counts. Summary rows are drawn apart.</summary>
public sealed record ScoreRow(string Name, double Precision, double Recall, double F1, int TruePositives, int FalsePositives, int FalseNegatives, bool IsSummary = false)
{
    public int Support => TruePositives + FalseNegatives;
}
