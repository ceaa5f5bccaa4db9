namespace Asclepius.TextMining.Encoders.Training;

/// <summary>What <see cref="EpochLoop{T}"/> did: every epoch run, the one whose weights the network now holds, and why it stopped.</summary>
public sealed record EpochLoopResult(IReadOnlyList<TrainingEpoch> History, int BestEpoch, double? BestDevF1, string StopReason)
{
    /// <summary><paramref name="report"/> with this run's history, kept epoch and stop reason, and the whole training time.</summary>
    public T Into<T>(T report, TimeSpan elapsed) where T : EpochTrainingReport =>
        (T)(report with { History = History, BestEpoch = BestEpoch, BestDevF1 = BestDevF1, Elapsed = elapsed, StopReason = StopReason });
}
