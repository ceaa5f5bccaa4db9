using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Evaluation;
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

        Report("train", 0, 1, msg: $"{rows.Count} token rows, {tags.Count} tags, trainer {options.Trainer}");
        cancellationToken.ThrowIfCancellationRequested();
        ITransformer transformer = options.Trainer switch
        {
            TokenWindowTrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(TokenWindowRow.Label),
                FeatureColumnName = nameof(TokenWindowRow.Features),
                NumberOfThreads = 1,
                MaximumNumberOfIterations = options.Iterations,
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                Shuffle = true,
            }).Fit(data),
            TokenWindowTrainerKind.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(TokenWindowRow.Label),
                FeatureColumnName = nameof(TokenWindowRow.Features),
                NumberOfThreads = options.Threads ?? Environment.ProcessorCount,
                MaximumNumberOfIterations = options.Iterations ?? 100,
                L2Regularization = options.L2 ?? 1f,
                L1Regularization = options.L1 ?? 1f,
                OptimizationTolerance = 1e-7f,
                HistorySize = 20,
            }).Fit(data),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };

        var model = TokenWindowModel.FromTrained(options, Scheme, tags, lexicons, ml, transformer, data.Schema);
        NerScores? devScores = null;
        if (dev is not null)
        {
            Report("evaluate", 1, 1, msg: "scoring dev");
            devScores = Score(model.CreateRecognizer(), dev.Documents, cancellationToken);
        }
        Report("done", 1, 1, f1: devScores?.Micro.F1, best: devScores?.Micro.F1, left: TimeSpan.Zero);
        return new TokenWindowTrainingResult(model, model, devScores, devScores, 1, 1, train, dev, clock.Elapsed);
    }

    /// <summary>Predicts every document's text and scores it strictly against its gold entities.</summary>
    public static NerScores Score(TokenWindowRecognizer recognizer, IReadOnlyList<AnnotatedDocument> documents, CancellationToken cancellationToken = default)
    {
        var pairs = documents.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(d => (d.Entities, recognizer.Recognize(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))))
            .ToList();
        return NerScores.Compute(pairs);
    }

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
