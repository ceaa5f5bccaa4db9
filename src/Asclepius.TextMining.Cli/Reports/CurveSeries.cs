namespace Asclepius.TextMining.Cli.Reports;

/// <summary>One line of a training curve: its name ("loss", "dev_f1") and (x, y) points in x order.</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<(double X, double Y)> Points)
{
    /// <summary>Scores live in [0, 1] and share an axis; anything else (a loss) gets its own.</summary>
    public bool IsScore => Points.All(p => p.Y is >= 0 and <= 1) && !Name.Contains("loss", StringComparison.OrdinalIgnoreCase);
}
