namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// Progress of an epoch-trained backend (BiLSTM-CRF, the transformers), reported a few times per epoch and once at its
/// end (<see cref="EpochCompleted"/>, with the dev F1 when there is a dev set). <see cref="Remaining"/> assumes every
/// remaining epoch runs; early stopping or the time limit may end sooner.
/// </summary>
public sealed record EpochProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    double Loss,
    double? DevF1,
    double? BestDevF1,
    int BestEpoch,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    bool EpochCompleted)
{
    /// <summary>Where the epoch stands, in words, for a progress display.</summary>
    public string Message => EpochCompleted ? $"epoch done (best {BestEpoch})" : $"batch {Batch}/{Batches}";
}
