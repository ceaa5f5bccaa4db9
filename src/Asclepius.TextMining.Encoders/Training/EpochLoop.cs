using System.Diagnostics;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// The epoch loop every TorchSharp trainer runs (BiLSTM-CRF, transformer NER, transformer relations); what differs
/// between them (how a batch becomes an optimizer step, what an epoch starts and ends with, how dev is scored) is given
/// as delegates. Per epoch: length-sorted shuffled batches (<see cref="LengthBatches"/>, from a <see cref="Random"/>
/// seeded once), progress a few times per epoch, the dev score after it; the best epoch's weights are kept in memory
/// (model-best) and put back at the end; training stops after <c>epochs</c>, after <c>patience</c> epochs without a
/// better dev F1, or before an epoch that would run past the time limit (judged by the mean epoch so far).
/// </summary>
/// <typeparam name="T">One training example (a sentence, a window, a candidate pair).</typeparam>
public sealed class EpochLoop<T>
{
    public required IReadOnlyList<T> Items { get; init; }
    /// <summary>An example's length, for batches of similar lengths.</summary>
    public required Func<T, int> Length { get; init; }
    /// <summary>The network whose weights model-best snapshots and restores.</summary>
    public required nn.Module Network { get; init; }
    /// <summary>Before an epoch's batches (1-based epoch): training mode, per-epoch learning rates.</summary>
    public required Action<int> BeginEpoch { get; init; }
    /// <summary>One optimizer step on a batch; returns the batch's loss.</summary>
    public required Func<T[], double> Step { get; init; }
    /// <summary>After an epoch's batches, before dev scoring: evaluation mode, caches refreshed.</summary>
    public required Action EndEpoch { get; init; }
    /// <summary>The dev score with the weights as they are now; null without a dev set (every epoch then replaces the last).</summary>
    public required Func<DevScore?> ScoreDev { get; init; }

    /// <param name="options">The schedule: epochs, patience, time limit, batch size, seed.</param>
    /// <param name="clock">Started when training started (corpus preparation counts against the time limit).</param>
    public EpochLoopResult Run(EpochTrainingOptions options, Stopwatch clock, IProgress<EpochProgress>? progress, CancellationToken cancellationToken)
    {
        var epochs = options.Epochs;
        var shuffle = new Random(options.Seed);
        var history = new List<TrainingEpoch>();
        byte[]? best = null;
        var bestEpoch = 0;
        double? bestF1 = null;
        var stopReason = "epochs";
        var batchCount = (Items.Count + options.BatchSize - 1) / options.BatchSize;
        var reportEvery = Math.Max(1, batchCount / 20);
        TimeSpan? Remaining(double epochsDone) => EpochBudget.Remaining(clock.Elapsed, epochsDone, epochs, options.TimeLimit);

        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            BeginEpoch(epoch);
            var batches = LengthBatches.Make(Items, Length, options.BatchSize, shuffle);
            double lossSum = 0;
            for (var b = 0; b < batches.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                lossSum += Step(batches[b]);
                if ((b + 1) % reportEvery == 0 && b + 1 < batches.Count)
                    progress?.Report(new EpochProgress(epoch, epochs, b + 1, batches.Count, lossSum / (b + 1), null, bestF1, bestEpoch,
                        clock.Elapsed, Remaining(epoch - 1 + (b + 1.0) / batches.Count), false));
            }
            EndEpoch();

            var score = ScoreDev();
            var meanLoss = lossSum / Math.Max(1, batches.Count);
            history.Add(new TrainingEpoch(epoch, meanLoss, score?.Precision, score?.Recall, score?.F1, score?.Threshold, epochClock.Elapsed));
            if (score is null || bestF1 is null || score.F1 > bestF1.Value)
            {
                bestF1 = score?.F1;
                bestEpoch = epoch;
                best = ModuleWeights.Save(Network, WeightStorage.Float32);
            }
            progress?.Report(new EpochProgress(epoch, epochs, batches.Count, batches.Count, meanLoss, score?.F1, bestF1, bestEpoch,
                clock.Elapsed, Remaining(epoch), true));

            if (score is not null && epoch - bestEpoch >= options.Patience) { stopReason = "patience"; break; }
            if (options.TimeLimit is { } limit && epoch < epochs && clock.Elapsed + clock.Elapsed / epoch > limit) { stopReason = "time limit"; break; }
        }

        if (best is not null && bestEpoch != history.Count) ModuleWeights.Load(Network, best, WeightStorage.Float32);
        return new EpochLoopResult(history, bestEpoch, bestF1, stopReason);
    }
}
