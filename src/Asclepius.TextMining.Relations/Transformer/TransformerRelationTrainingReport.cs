namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>What fine-tuning saw and did: candidate counts, positives per label, gold relations outside the candidate window, the epoch history and which epoch was kept.</summary>
public sealed record TransformerRelationTrainingReport
{
    public int TrainDocuments { get; init; }
    public int Candidates { get; init; }
    public IReadOnlyDictionary<string, int> PositivesByLabel { get; init; } = new Dictionary<string, int>();
    public int GoldRelations { get; init; }
    /// <summary>Gold relations no candidate pair reached (outside the sentence window, or entities the tokenizer could not place).</summary>
    public int GoldUnreachable { get; init; }
    public int TrainPieces { get; init; }
    public int DevDocuments { get; init; }
    public long Parameters { get; init; }
    public IReadOnlyList<TransformerRelationEpoch> History { get; init; } = Array.Empty<TransformerRelationEpoch>();
    /// <summary>The epoch whose weights the model holds (model-best by dev F1; the last one without a dev set).</summary>
    public int BestEpoch { get; init; }
    /// <summary>Dev F1 of the stored (rounded) model at its tuned threshold; null without a dev set.</summary>
    public double? BestDevF1 { get; init; }
    public IReadOnlyList<(float Threshold, double F1)> ThresholdCurve { get; init; } = Array.Empty<(float, double)>();
    public TimeSpan Elapsed { get; init; }
    /// <summary>"epochs", "patience" or "time limit".</summary>
    public string StopReason { get; init; } = "";
}
