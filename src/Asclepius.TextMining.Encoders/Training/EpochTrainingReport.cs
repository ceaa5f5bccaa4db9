namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// What every epoch-trained backend reports: documents, parameters, the epoch history and which epoch's weights the
/// model holds, and why training stopped.
/// </summary>
public abstract record EpochTrainingReport
{
    public int TrainDocuments { get; init; }
    public int DevDocuments { get; init; }
    public long Parameters { get; init; }
    public IReadOnlyList<TrainingEpoch> History { get; init; } = Array.Empty<TrainingEpoch>();
    /// <summary>The epoch whose weights the model holds (model-best; the last one without a dev set).</summary>
    public int BestEpoch { get; init; }
    public double? BestDevF1 { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>"epochs", "patience" or "time limit".</summary>
    public string StopReason { get; init; } = "";
}
