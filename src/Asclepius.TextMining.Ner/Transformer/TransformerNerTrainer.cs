using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Fine-tunes a pretrained encoder for NER: documents are tokenized by <see cref="ClinicalTokenizer"/> and tagged
/// BILOU by <see cref="TagCodec"/> (entities it cannot encode are counted, never moved); each document's word pieces
/// are cut into overlapping windows (<see cref="PieceWindows"/>), every window is one training example (its tags
/// closed at its edges), and windows of similar length share shuffled mini-batches. AdamW with linear warm-up and
/// decay, a higher rate for the new classifier and CRF than for the encoder; after each epoch the strict dev F1
/// decides whether these weights become model-best. Deterministic on the CPU for a seed and thread count (weights of
/// the new layers, dropout masks and batch order come from seeded CPU generators, never from a device).
/// </summary>
public static class TransformerNerTrainer
{
    public static TransformerNerModel Train(
        IReadOnlyList<AnnotatedDocument> train,
        IReadOnlyList<AnnotatedDocument> dev,
        TransformerNerOptions options,
        EncoderSource encoder,
        IProgress<NerTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options = options with { Encoder = encoder.Name };
        options.Validate(encoder.Config.MaxPositions);
        var device = TorchDevices.Resolve(options.Device);
        NerTrainingSet.Validate(train, "train");
        if (dev.Count > 0) NerTrainingSet.Validate(dev, "dev", requireEntities: false);
        var clock = Stopwatch.StartNew();
        progress?.Report(new NerTrainingProgress("prepare", 0, options.Epochs, null, null, null, clock.Elapsed, null, $"tokenizing; encoder {encoder.Name}"));

        var tokenizer = ClinicalTokenizer.Default;
        var corpus = BilouCorpus.Tag(train, cancellationToken);
        var tagged = corpus.Documents;
        var labels = corpus.Labels;
        var tags = TagCodec.TagsFor(labels, TagScheme.Bilou);

        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        TransformerNerNetwork network;
        using (var init = new Generator((ulong)options.Seed))
        {
            network = new TransformerNerNetwork(encoder.Create(init), tags, options.Dropout);
            network.InitializeHead(init);
        }
        network.to(device);
        var model = new TransformerNerModel(options, encoder.Vocabulary, tags, network, device, training: null);

        var windows = new List<WindowBatch.Window>();
        var trainTokens = 0;
        var trainPieces = 0;
        foreach (var (tokens, docTags) in tagged)
        {
            if (tokens.Tokens.Count == 0) continue;
            var encoded = model.Encode(tokens, docTags);
            trainTokens += encoded.TokenCount;
            trainPieces += encoded.Pieces.Length;
            for (var w = 0; w < encoded.Windows.Count; w++) windows.Add(model.Window(encoded, w));
        }
        var devInput = dev.Select(d => (d.Document, tokenizer.Tokenize(d.Text))).ToArray();
        var devGold = dev.SelectMany((d, i) => d.Entities.Select(e => (i, e.Span.Start, e.Span.End, e.Label))).ToArray();

        var (encoderParameters, headParameters) = network.ParameterGroups();
        var groups = new[]
        {
            new TorchSharp.Modules.AdamW.ParamGroup(encoderParameters, options.LearningRate, weight_decay: options.WeightDecay),
            new TorchSharp.Modules.AdamW.ParamGroup(headParameters, options.HeadLearningRate, weight_decay: 0),
        };
        using var optimizer = optim.AdamW(groups, options.LearningRate);
        var allParameters = encoderParameters.Concat(headParameters).ToArray();
        var peaks = new[] { options.LearningRate, options.HeadLearningRate };
        var shuffle = new Random(options.Seed);
        using var dropout = new DropoutSource((ulong)options.Seed + 1);

        var batchCount = (windows.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = Math.Max(1, batchCount * options.Epochs);
        var warmup = (int)Math.Round(totalSteps * options.WarmupFraction);
        var step = 0;
        var reportEvery = Math.Max(1, batchCount / 20);
        var history = new List<TransformerNerEpoch>();
        byte[]? best = null;
        var bestEpoch = 0;
        double? bestF1 = null;
        var stopReason = "epochs";
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var batches = LengthBatches.Make(windows, w => w.Pieces.Count, options.BatchSize, shuffle);
            network.train();
            double lossSum = 0;
            for (var b = 0; b < batches.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Linear warm-up to the peak rates, then linear decay to 0 at the last step of the last epoch.
                var scale = step < warmup ? (step + 1.0) / (warmup + 1) : Math.Max(0, (double)(totalSteps - step) / Math.Max(1, totalSteps - warmup));
                var g = 0;
                foreach (var group in optimizer.ParamGroups) group.LearningRate = peaks[g++] * scale;
                step++;
                using var scope = torch.NewDisposeScope();
                var batch = model.BuildBatch(batches[b]);
                var emissions = network.Emissions(batch, dropout);
                using var batchSize = ((double)batches[b].Length).ToScalar(); // explicit scalars: see BiLstmCrfNetwork.Emissions
                var loss = network.LossSum(emissions, batch).div(batchSize);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(allParameters, options.GradientClip);
                optimizer.step();
                lossSum += loss.item<float>();
                if ((b + 1) % reportEvery == 0 && b + 1 < batches.Count)
                    progress?.Report(new NerTrainingProgress("train", epoch, options.Epochs, lossSum / (b + 1), null, bestF1, clock.Elapsed,
                        Remaining(clock.Elapsed, epoch - 1 + (b + 1.0) / batches.Count, options), $"batch {b + 1}/{batches.Count}"));
            }
            network.eval();
            model.RefreshCrf();

            StrictScore? score = null;
            if (devInput.Length > 0) score = Score(model, devInput, devGold);
            var meanLoss = lossSum / Math.Max(1, batches.Count);
            history.Add(new TransformerNerEpoch(epoch, meanLoss, score?.Precision, score?.Recall, score?.F1, epochClock.Elapsed));
            if (score is null || bestF1 is null || score.Value.F1 > bestF1.Value)
            {
                bestF1 = score?.F1;
                bestEpoch = epoch;
                best = Snapshot(network);
            }
            progress?.Report(new NerTrainingProgress("train", epoch, options.Epochs, meanLoss, score?.F1, bestF1, clock.Elapsed,
                Remaining(clock.Elapsed, epoch, options), $"epoch done (best {bestEpoch})"));
            if (score is not null && epoch - bestEpoch >= options.Patience) { stopReason = "patience"; break; }
            if (options.TimeLimit is { } limit && epoch < options.Epochs && clock.Elapsed + clock.Elapsed / epoch > limit) { stopReason = "time limit"; break; }
        }

        if (best is not null && bestEpoch != history.Count)
        {
            using var stream = new MemoryStream(best);
            network.load(stream);
        }
        // Round to what the package stores, so the model returned (and scored on dev by packaging) is the saved one.
        ModuleWeights.Round(network, options.WeightStorage);
        network.eval();
        model.RefreshCrf();
        var report = new TransformerNerTrainingReport
        {
            TrainDocuments = train.Count,
            TrainWindows = windows.Count,
            TrainTokens = trainTokens,
            TrainPieces = trainPieces,
            TrainEntities = train.Sum(d => d.Entities.Count),
            TrainNotEncoded = corpus.Problems.Values.Sum(),
            AlignmentExamples = corpus.Examples,
            DevDocuments = dev.Count,
            DevEntities = devGold.Length,
            Parameters = model.ParameterCount,
            History = history,
            BestEpoch = bestEpoch,
            BestDevF1 = bestF1,
            Elapsed = clock.Elapsed,
            StopReason = stopReason,
        };
        return new TransformerNerModel(options, encoder.Vocabulary, tags, network, device, report);
    }

    private static StrictScore Score(TransformerNerModel model, (Document Document, TokenizedText Tokens)[] dev, (int, int, int, string)[] gold)
    {
        var predicted = model.RecognizeMany(dev);
        return StrictScore.Compute(gold, predicted.SelectMany((es, i) => es.Select(e => (i, e.Span.Start, e.Span.End, e.Label))));
    }

    private static byte[] Snapshot(TransformerNerNetwork network)
    {
        using var stream = new MemoryStream();
        network.save(stream);
        return stream.ToArray();
    }

    private static TimeSpan? Remaining(TimeSpan elapsed, double epochsDone, TransformerNerOptions options) =>
        EpochBudget.Remaining(elapsed, epochsDone, options.Epochs, options.TimeLimit);
}
