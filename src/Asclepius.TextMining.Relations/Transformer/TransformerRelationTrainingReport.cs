using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// What fine-tuning saw and did, beyond what every epoch-trained backend reports: candidate counts, positives per label,
/// gold relations outside the candidate window. <see cref="EpochTrainingReport.BestDevF1"/> is the stored (rounded)
/// model's dev F1 at its tuned threshold.
/// </summary>
public sealed record TransformerRelationTrainingReport : EpochTrainingReport
{
    public int Candidates { get; init; }
    public IReadOnlyDictionary<string, int> PositivesByLabel { get; init; } = new Dictionary<string, int>();
    public int GoldRelations { get; init; }
    /// <summary>Gold relations no candidate pair reached (outside the sentence window, or entities the tokenizer could not place).</summary>
    public int GoldUnreachable { get; init; }
    public int TrainPieces { get; init; }
    /// <summary>The dev threshold curve of the stored (rounded) model, whose best F1 is <see cref="EpochTrainingReport.BestDevF1"/>.</summary>
    public IReadOnlyList<(float Threshold, double F1)> ThresholdCurve { get; init; } = Array.Empty<(float, double)>();
}
