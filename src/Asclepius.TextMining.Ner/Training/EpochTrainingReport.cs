namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// What every epoch-trained backend reports: corpus counts, entities the tag codec could not encode (examples name
/// document ids and offsets, never text), the epoch history and which epoch's weights the model holds.
/// </summary>
public abstract record EpochTrainingReport
{
    public int TrainDocuments { get; init; }
    public int TrainTokens { get; init; }
    public int TrainEntities { get; init; }
    public IReadOnlyList<string> AlignmentExamples { get; init; } = Array.Empty<string>();
    public int DevDocuments { get; init; }
    public int DevEntities { get; init; }
    public long Parameters { get; init; }
    public IReadOnlyList<NerEpoch> History { get; init; } = Array.Empty<NerEpoch>();
    /// <summary>The epoch whose weights the model holds (model-best; the last one without a dev set).</summary>
    public int BestEpoch { get; init; }
    public double? BestDevF1 { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>"epochs", "patience" or "time limit".</summary>
    public string StopReason { get; init; } = "";
}
