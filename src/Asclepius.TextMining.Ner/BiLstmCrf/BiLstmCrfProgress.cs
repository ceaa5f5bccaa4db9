namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Training progress, reported a few times per epoch and once at its end (<see cref="EpochCompleted"/>,
/// with the dev F1 when there is a dev set). <see cref="Remaining"/> assumes every remaining epoch runs;
/// early stopping or the time limit may end sooner.
/// </summary>
public sealed record BiLstmCrfProgress(
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
    bool EpochCompleted);
