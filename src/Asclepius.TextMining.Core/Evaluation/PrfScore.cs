namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// True positive, false positive and false negative counts with the scores derived from them.
/// A score whose denominator is 0 is 0 (conlleval's convention: it prints 0.00), so a label that never
/// occurs on either side scores 0, not 1.
/// </summary>
public sealed record PrfScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public static readonly PrfScore Zero = new(0, 0, 0);

    /// <summary>Predicted items: conlleval's "found".</summary>
    public int Predicted => TruePositives + FalsePositives;

    /// <summary>Gold items: conlleval's "phrases".</summary>
    public int Gold => TruePositives + FalseNegatives;

    public double Precision => Ratio(TruePositives, Predicted);

    public double Recall => Ratio(TruePositives, Gold);

    /// <summary>2PR/(P+R), computed as 2tp/(2tp+fp+fn): the same number with one rounding.</summary>
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    public PrfScore Add(PrfScore other) =>
        new(TruePositives + other.TruePositives, FalsePositives + other.FalsePositives, FalseNegatives + other.FalseNegatives);

    public override string ToString() => $"P={Precision:0.0000} R={Recall:0.0000} F1={F1:0.0000} (tp={TruePositives} fp={FalsePositives} fn={FalseNegatives})";

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
