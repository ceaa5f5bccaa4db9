using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Relations.PairClassifier;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Fine-tunes a pretrained encoder for relation classification (`Rel.Transformer.v1`): every schema-allowed pair in
/// the sentence window (<see cref="CandidateFinder"/>, as the pair classifier) becomes one example labeled with its
/// gold relation or NONE (<see cref="GoldLabeler"/>: concept-level gold such as CID labels every mention pair of its
/// concepts); the pair is shown with typed entity markers and classified from the two start markers' vectors.
/// AdamW with linear warm-up and decay, a higher rate for the new classifier than for the encoder, dropout on the pair
/// vector; after each epoch the dev corpus (gold entities) is scored once, the threshold is tuned on it
/// (<see cref="ThresholdTuner"/>) and the epoch with the best dev F1 is kept. The kept model is rounded to its storage
/// dtype and its threshold tuned again, so the stored model is the scored one. Deterministic on the CPU for a seed and
/// thread count (new weights, dropout masks and batch order come from seeded CPU generators, never from a device).
/// </summary>
public static class TransformerRelationTrainer
{
    public static TransformerRelationModel Train(
        IReadOnlyList<AnnotatedDocument> train,
        IReadOnlyList<AnnotatedDocument> dev,
        LabelSchema schema,
        TransformerRelationOptions options,
        EncoderSource encoder,
        IProgress<TransformerRelationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, "the training corpus has no documents");
        if (!schema.Relations.Any()) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"schema '{schema.Name}' defines no relations to learn");
        options.Validate(encoder.Config.MaxPositions);
        options = options with { Encoder = encoder.Name, MaxPieces = Math.Min(options.MaxPieces, encoder.Config.MaxPositions - 2) };
        var device = TorchDevices.Resolve(options.Device);
        var clock = Stopwatch.StartNew();
        progress?.Report(new TransformerRelationProgress("prepare", 0, options.Epochs, null, null, null, clock.Elapsed, null, $"candidate pairs; encoder {encoder.Name}"));

        var documentLevel = options.DocumentLevel ?? train.Any(d => d.Relations.Any(r => r.IsConceptLevel));
        options = options with { DocumentLevel = documentLevel };
        var labels = new List<string> { PairClassifierModel.None };
        labels.AddRange(schema.RelationLabels.OrderBy(l => l, StringComparer.Ordinal));
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        // End to end, a predicted mention reaches its concept only through this dictionary: dev mentions are labeled data too.
        var concepts = ConceptDictionary.Learn(train.Concat(dev).SelectMany(d => d.Entities.Select(e => (e.Label, d.TextOf(e), e.ConceptIds))));

        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        TransformerRelationNetwork network;
        using (var init = new Generator((ulong)options.Seed))
        {
            network = new TransformerRelationNetwork(encoder.Create(init), labels.Count, options.Dropout);
            network.InitializeHead(init);
        }
        network.to(device);
        TransformerRelationModel model;
        try
        {
            model = new TransformerRelationModel(options, encoder.Vocabulary, labels, schema.Entities.Select(e => e.Label).ToArray(), documentLevel, concepts, network, device, training: null);
        }
        catch
        {
            network.Dispose();
            throw;
        }

        var finder = new CandidateFinder(schema, options.SentenceWindow);
        var examples = new List<PairInput>();
        var positives = new Dictionary<string, int>();
        int goldRelations = 0, reached = 0, pieces = 0;
        foreach (var doc in train)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Generated entity-only samples say their relations were never annotated: their pairs are not negatives.
            if (doc.Document.Meta.TryGetValue("relations", out var annotated) && annotated == "not_annotated") continue;
            foreach (var r in doc.Relations)
                if (!labelIndex.ContainsKey(r.Label))
                    throw new TextMiningException(ErrorCodes.LabelNotInSchema, $"relation label '{r.Label}' is not in schema '{schema.Name}' ({string.Join(", ", schema.RelationLabels)})", $"document {doc.Id}");
            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var context = new PairEncoder.Context(tokens);
            var gold = GoldLabeler.For(doc);
            goldRelations += gold.Count;
            var hit = new HashSet<object>();
            foreach (var c in finder.Find(tokens, doc.Entities))
            {
                var (label, key) = gold.LabelOf(c);
                if (key is not null) hit.Add(key);
                var k = label is null ? 0 : labelIndex[label];
                if (model.Encoder.Encode(context, c, k) is not { } input) continue;
                if (k > 0) positives[label!] = positives.GetValueOrDefault(label!) + 1;
                examples.Add(input);
                pieces += input.Pieces.Length;
            }
            reached += hit.Count;
        }
        if (examples.Count == 0)
            Fail(model, "no candidate entity pairs: the entities do not match the schema's relation pairs, or the sentence window is too small");
        if (positives.Count == 0)
            Fail(model, "no candidate pair carries a gold relation: nothing to learn");

        var devTokens = dev.Select(d => ClinicalTokenizer.Default.Tokenize(d.Text)).ToArray();
        var decoder = new RelationDecoder(labels, schema);

        var (encoderParameters, headParameters) = network.ParameterGroups();
        var batchCount = (examples.Count + options.BatchSize - 1) / options.BatchSize;
        using var optimizer = new FineTuningOptimizer(encoderParameters, headParameters, options.LearningRate, options.HeadLearningRate,
            options.WeightDecay, options.GradientClip, batchCount * options.Epochs, options.WarmupFraction);
        var shuffle = new Random(options.Seed);
        using var dropout = new DropoutSource((ulong)options.Seed + 1);
        var reportEvery = Math.Max(1, batchCount / 20);
        var history = new List<TransformerRelationEpoch>();
        byte[]? best = null;
        var bestEpoch = 0;
        double? bestF1 = null;
        var stopReason = "epochs";
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var batches = LengthBatches.Make(examples, x => x.Pieces.Length, options.BatchSize, shuffle);
            network.train();
            double lossSum = 0;
            for (var b = 0; b < batches.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var batch = model.BuildBatch(batches[b]);
                lossSum += optimizer.Step(network.Loss(network.Logits(batch, dropout), batch));
                if ((b + 1) % reportEvery == 0 && b + 1 < batches.Count)
                    progress?.Report(new TransformerRelationProgress("train", epoch, options.Epochs, lossSum / (b + 1), null, bestF1, clock.Elapsed,
                        Remaining(clock.Elapsed, epoch - 1 + (b + 1.0) / batches.Count, options), $"batch {b + 1}/{batches.Count}"));
            }
            network.eval();

            (float Threshold, double F1, IReadOnlyList<(float, double)> Curve)? score = dev.Count > 0 ? Tune(model, dev, devTokens, finder, decoder) : null;
            var meanLoss = lossSum / Math.Max(1, batches.Count);
            history.Add(new TransformerRelationEpoch(epoch, meanLoss, score?.F1, score?.Threshold, epochClock.Elapsed));
            if (score is null || bestF1 is null || score.Value.F1 > bestF1.Value)
            {
                bestF1 = score?.F1;
                bestEpoch = epoch;
                best = ModuleWeights.Save(network, WeightStorage.Float32);
            }
            progress?.Report(new TransformerRelationProgress("train", epoch, options.Epochs, meanLoss, score?.F1, bestF1, clock.Elapsed,
                Remaining(clock.Elapsed, epoch, options), $"epoch done (best {bestEpoch})"));
            if (score is not null && epoch - bestEpoch >= options.Patience) { stopReason = "patience"; break; }
            if (options.TimeLimit is { } limit && epoch < options.Epochs && clock.Elapsed + clock.Elapsed / epoch > limit) { stopReason = "time limit"; break; }
        }

        if (best is not null && bestEpoch != history.Count) ModuleWeights.Load(network, best, WeightStorage.Float32);
        // Round to what the package stores, so the model returned (and its tuned threshold) is the saved one.
        ModuleWeights.Round(network, options.WeightStorage);
        network.eval();
        IReadOnlyList<(float, double)> curve = [];
        if (dev.Count > 0)
        {
            var (threshold, f1, c) = Tune(model, dev, devTokens, finder, decoder);
            model.SetThreshold(threshold);
            bestF1 = f1;
            curve = c;
        }
        model.Training = new TransformerRelationTrainingReport
        {
            TrainDocuments = train.Count,
            Candidates = examples.Count,
            PositivesByLabel = positives,
            GoldRelations = goldRelations,
            GoldUnreachable = goldRelations - reached,
            TrainPieces = pieces,
            DevDocuments = dev.Count,
            Parameters = model.ParameterCount,
            History = history,
            BestEpoch = bestEpoch,
            BestDevF1 = bestF1,
            ThresholdCurve = curve,
            Elapsed = clock.Elapsed,
            StopReason = stopReason,
        };
        return model;
    }

    /// <summary>Scores the dev candidates once and picks the threshold with the best micro F1 (document level for CID).</summary>
    private static (float Threshold, double F1, IReadOnlyList<(float, double)> Curve) Tune(TransformerRelationModel model, IReadOnlyList<AnnotatedDocument> dev,
        TokenizedText[] tokens, CandidateFinder finder, RelationDecoder decoder)
    {
        var scored = dev.Select((d, i) => model.ScoreCandidates(tokens[i], d.Entities, finder)).ToArray();
        var (threshold, curve) = ThresholdTuner.Tune(dev, scored, decoder, model.Decision, model.ConceptOf);
        return (threshold, curve.Max(c => c.F1), curve);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(TransformerRelationModel model, string message)
    {
        model.Dispose();
        throw new TextMiningException(ErrorCodes.TrainingDataInvalid, message);
    }

    private static TimeSpan? Remaining(TimeSpan elapsed, double epochsDone, TransformerRelationOptions options) =>
        EpochBudget.Remaining(elapsed, epochsDone, options.Epochs, options.TimeLimit);
}
