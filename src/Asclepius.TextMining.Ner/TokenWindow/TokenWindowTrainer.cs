using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Ner.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Trains <see cref="TokenWindowModel"/>s: one ML.NET multiclass row per token (hashed window features,
/// BILOU tag as label), then decoding with constrained Viterbi. Deterministic for a given seed: SDCA runs
/// on one thread (its multi-threaded updates race), L-BFGS splits its gradient in fixed blocks whose sum
/// order does not depend on timing.
/// </summary>
public static class TokenWindowTrainer
{
    public const TagScheme Scheme = TagScheme.Bilou;

    public static TokenWindowTrainingResult Train(
        IReadOnlyList<AnnotatedDocument> train,
        IReadOnlyList<AnnotatedDocument>? dev,
        TokenWindowOptions options,
        IProgress<NerTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var trainSet = NerTrainingSet.Build(train, Scheme, "train", cancellationToken: cancellationToken);
        var devSet = dev is null ? null : NerTrainingSet.Build(dev, Scheme, "dev", requireEntities: false, cancellationToken: cancellationToken);
        return Train(trainSet, devSet, options, progress, cancellationToken);
    }

    public static TokenWindowTrainingResult Train(
        NerTrainingSet train,
        NerTrainingSet? dev,
        TokenWindowOptions options,
        IProgress<NerTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options = options.Validated();
        if (train.Scheme != Scheme || (dev is not null && dev.Scheme != Scheme))
            throw new ArgumentException("token-window training sets must be tagged BILOU");
        var clock = Stopwatch.StartNew();
        void Report(string stage, int it, int total, double? loss = null, double? f1 = null, double? best = null, TimeSpan? left = null, string? msg = null) =>
            progress?.Report(new NerTrainingProgress(stage, it, total, loss, f1, best, clock.Elapsed, left, msg));

        var lexicons = options.LexiconFolder is null ? null : LexiconSet.LoadFolder(options.LexiconFolder);
        var tags = TagCodec.TagsFor(train.Labels, Scheme);
        var tagIndex = tags.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var featurizer = new TokenWindowFeaturizer(options, lexicons);

        Report("featurize", 0, 1, msg: $"{train.TokenCount} tokens");
        var rows = Featurize(train, featurizer, tagIndex, cancellationToken);

        var ml = new MLContext(seed: options.Seed);
        var schemaDef = SchemaDefinition.Create(typeof(TokenWindowRow));
        schemaDef[nameof(TokenWindowRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featurizer.Dimension);
        schemaDef[nameof(TokenWindowRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), tags.Count);
        var data = ml.Data.LoadFromEnumerable(rows, schemaDef);

        // L-BFGS can continue from its previous weights, so it trains in rounds with a dev check after each:
        // model-best and model-last. SDCA cannot warm-start in ML.NET: one round.
        var rounds = options.Trainer == TokenWindowTrainerKind.LbfgsMaximumEntropy && dev is not null ? Math.Max(1, options.Rounds) : 1;
        var totalIterations = options.Iterations ?? (options.Trainer == TokenWindowTrainerKind.LbfgsMaximumEntropy ? 100 : 0);
        var history = new List<TokenWindowIteration>();
        TokenWindowModel? best = null, last = null;
        EvaluationResult? bestScores = null, lastScores = null;
        var bestRound = 0;
        MaximumEntropyModelParameters? previous = null;
        for (var round = 1; round <= rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var roundStart = clock.Elapsed;
            var perRound = rounds == 1 ? totalIterations : Math.Max(1, totalIterations / rounds);
            Report("train", round - 1, rounds, f1: lastScores?.Entities.Strict.Micro.F1, best: bestScores?.Entities.Strict.Micro.F1,
                left: Remaining(history, rounds, round - 1), msg: $"{rows.Count} token rows, {tags.Count} tags, {options.Trainer}");
            var transformer = Fit(ml, data, options, perRound, previous);
            previous = transformer.Model;
            var model = TokenWindowModel.FromTrained(options, Scheme, tags, lexicons, ml, transformer, data.Schema);

            var penalty = options.OutsidePenalty ?? 0f;
            var propagate = options.PropagateInDocument ?? false;
            EvaluationResult? scores = null;
            if (dev is not null)
            {
                Report("evaluate", round, rounds, msg: "scoring dev");
                var tuner = new OutsidePenaltyTuner(model.CreateRecognizer(), dev.Documents, cancellationToken);
                (penalty, propagate, scores) = tuner.Best(options.OutsidePenalty, options.PropagateInDocument);
            }
            model = model.WithOptions(options with { OutsidePenalty = penalty, PropagateInDocument = propagate });
            var micro = scores?.Entities.Strict.Micro;
            history.Add(new TokenWindowIteration(round, perRound * round, micro?.Precision, micro?.Recall, micro?.F1, penalty, propagate, (clock.Elapsed - roundStart).TotalSeconds));
            last = model;
            lastScores = scores;
            if (best is null || (micro?.F1 ?? 0) > (bestScores?.Entities.Strict.Micro.F1 ?? 0))
            {
                best = model;
                bestScores = scores;
                bestRound = round;
            }
            Report("train", round, rounds, f1: micro?.F1, best: bestScores?.Entities.Strict.Micro.F1, left: Remaining(history, rounds, round),
                msg: micro is null ? null : $"outside penalty {penalty:0.##}, propagation {(propagate ? "on" : "off")}");
        }
        Report("done", rounds, rounds, f1: lastScores?.Entities.Strict.Micro.F1, best: bestScores?.Entities.Strict.Micro.F1, left: TimeSpan.Zero);
        return new TokenWindowTrainingResult(best!, last!, bestScores, lastScores, bestRound, rounds, train, dev, clock.Elapsed, history);
    }

    private static TimeSpan? Remaining(List<TokenWindowIteration> history, int rounds, int done) =>
        history.Count == 0 ? null : TimeSpan.FromSeconds(history.Average(h => h.Seconds) * (rounds - done));

    private static MulticlassPredictionTransformer<MaximumEntropyModelParameters> Fit(
        MLContext ml, IDataView data, TokenWindowOptions options, int iterations, MaximumEntropyModelParameters? previous)
    {
        switch (options.Trainer)
        {
            case TokenWindowTrainerKind.SdcaMaximumEntropy:
                return ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = nameof(TokenWindowRow.Label),
                    FeatureColumnName = nameof(TokenWindowRow.Features),
                    // One thread: SDCA's lock-free parallel updates make results depend on timing.
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = options.Iterations,
                    L2Regularization = options.L2 ?? DefaultSdcaL2,
                    L1Regularization = options.L1 ?? 0f,
                    Shuffle = true,
                }).Fit(data);
            case TokenWindowTrainerKind.LbfgsMaximumEntropy:
                var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = nameof(TokenWindowRow.Label),
                    FeatureColumnName = nameof(TokenWindowRow.Features),
                    NumberOfThreads = options.Threads ?? Environment.ProcessorCount,
                    MaximumNumberOfIterations = iterations,
                    L2Regularization = options.L2 ?? 1f,
                    L1Regularization = options.L1 ?? 1f,
                    OptimizationTolerance = 1e-7f,
                    HistorySize = 10,
                });
                return previous is null ? trainer.Fit(data) : trainer.Fit(data, previous);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Trainer, "unknown trainer");
        }
    }

    /// <summary>SDCA's L2 default: measured on BC5CDR dev (docs/BENCHMARKS.md).</summary>
    public const float DefaultSdcaL2 = 1e-5f;

    private static List<TokenWindowRow> Featurize(NerTrainingSet set, TokenWindowFeaturizer featurizer, Dictionary<string, int> tagIndex, CancellationToken ct)
    {
        var perSentence = new List<TokenWindowRow>[set.Sentences.Count];
        Parallel.For(0, set.Sentences.Count, new ParallelOptions { CancellationToken = ct },
            () => new FeatureBuffer(),
            (i, _, buffer) =>
            {
                var s = set.Sentences[i];
                featurizer.Featurize(s.Tokens, buffer);
                var list = new List<TokenWindowRow>(s.Tokens.Count);
                for (var t = 0; t < s.Tokens.Count; t++)
                {
                    if (s.Missing[t]) continue;
                    if (!tagIndex.TryGetValue(s.Tags[t], out var tag))
                        throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"tag '{s.Tags[t]}' is not in the tag vocabulary", s.DocumentId);
                    list.Add(new TokenWindowRow { Label = (uint)tag, Features = ToVector(buffer.Of(t), featurizer.Dimension) });
                }
                perSentence[i] = list;
                return buffer;
            },
            _ => { });
        var rows = new List<TokenWindowRow>(set.TokenCount);
        foreach (var l in perSentence) rows.AddRange(l);
        return rows;
    }

    /// <summary>Sorted, de-duplicated sparse vector; a repeated index gets its count as value.</summary>
    private static VBuffer<float> ToVector(ReadOnlySpan<int> features, int dimension)
    {
        var sorted = features.ToArray();
        Array.Sort(sorted);
        var n = 0;
        var values = new float[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            if (n > 0 && sorted[n - 1] == sorted[i]) { values[n - 1] += 1; continue; }
            sorted[n] = sorted[i];
            values[n++] = 1;
        }
        return new VBuffer<float>(dimension, n, values[..n], sorted[..n]);
    }
}
