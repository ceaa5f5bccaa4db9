using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Decoding;
using Asclepius.TextMining.Ner.TokenWindow;
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

        var corpus = BilouCorpus.Tag(train, cancellationToken);
        var tagged = corpus.Documents;
        var labels = corpus.Labels;
        var tags = TagCodec.TagsFor(labels, TagScheme.Bilou);

        var lexicons = options.LexiconFolder is null ? null : LexiconSet.LoadFolder(options.LexiconFolder);

        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        TransformerNerNetwork network;
        using (var init = new Generator((ulong)options.Seed))
        {
            network = new TransformerNerNetwork(encoder.Create(init), tags, options.Dropout, options.EncoderDropoutFor(encoder.Config), lexicons?.Count ?? 0, options.LexiconDim);
            network.InitializeHead(init);
        }
        network.to(device);
        var model = new TransformerNerModel(options, encoder.Vocabulary, tags, network, device, training: null, lexicons);

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
        var devSet = new DevDocuments(dev);

        var (encoderParameters, headParameters) = network.ParameterGroups();
        var batchCount = (windows.Count + options.BatchSize - 1) / options.BatchSize;
        // Linear warm-up to the peak rates, then linear decay to 0 at the last step of the last epoch.
        using var optimizer = options.Optimizer(encoderParameters, headParameters, batchCount);
        using var dropout = new DropoutSource((ulong)options.Seed + 1);

        var loop = new EpochLoop<WindowBatch.Window>
        {
            Items = windows,
            Length = w => w.Pieces.Count,
            Network = network,
            BeginEpoch = _ => network.train(),
            Step = windowBatch =>
            {
                using var scope = torch.NewDisposeScope();
                var batch = model.BuildBatch(windowBatch);
                var emissions = network.Emissions(batch, dropout);
                using var batchSize = ((double)windowBatch.Length).ToScalar(); // explicit scalars: see BiLstmCrfNetwork.Emissions
                return optimizer.Step(network.LossSum(emissions, batch).div(batchSize));
            },
            EndEpoch = () =>
            {
                network.eval();
                model.RefreshCrf();
            },
            ScoreDev = () => devSet.Score(model.RecognizeMany),
        };
        var progressPoints = progress is null ? null : new EpochProgressAdapter(progress);
        var run = loop.Run(options, clock, progressPoints, cancellationToken);

        // Round to what the package stores, so the model returned (and scored on dev by packaging) is the saved one.
        ModuleWeights.Round(network, options.WeightStorage);
        network.eval();
        model.RefreshCrf();

        // Decoding chosen on dev once the weights are final; a given value is kept, no dev means off.
        PropagationChoice? propagation = null;
        if (options.PropagateInDocument is null && devSet.Input.Length > 0)
        {
            propagation = ChoosePropagation(model, devSet, options.PropagationMinShare is { } share ? [share] : PropagationChoice.MinShares);
            options = options with { PropagateInDocument = propagation.Propagate, PropagationMinShare = propagation.Propagate ? propagation.Best.MinShare : null };
            progress?.Report(new NerTrainingProgress("evaluate", run.History.Count, options.Epochs, null, null, null, clock.Elapsed, null, propagation.Describe()));
        }
        else options = options with { PropagateInDocument = options.PropagateInDocument ?? false };
        var report = run.Into(new TransformerNerTrainingReport
        {
            TrainDocuments = train.Count,
            TrainWindows = windows.Count,
            TrainTokens = trainTokens,
            TrainPieces = trainPieces,
            TrainEntities = train.Sum(d => d.Entities.Count),
            TrainNotEncoded = corpus.Problems.Values.Sum(),
            AlignmentExamples = corpus.Examples,
            DevDocuments = dev.Count,
            DevEntities = devSet.Gold.Length,
            Parameters = model.ParameterCount,
            Propagation = propagation,
        }, clock.Elapsed);
        return new TransformerNerModel(options, encoder.Vocabulary, tags, network, device, report, lexicons);
    }

    /// <summary>
    /// Strict F1 of <paramref name="model"/> on <paramref name="dev"/> without and with one-sense-per-document propagation
    /// (<see cref="DocumentConsistency"/>), from one labeling pass: what the trainer chooses
    /// <see cref="TransformerNerOptions.PropagateInDocument"/> with, and what a bench can ask of a model already trained.
    /// </summary>
    public static PropagationChoice ChoosePropagation(TransformerNerModel model, IReadOnlyList<AnnotatedDocument> dev) =>
        ChoosePropagation(model, new DevDocuments(dev), PropagationChoice.MinShares);

    private static PropagationChoice ChoosePropagation(TransformerNerModel model, DevDocuments dev, IReadOnlyList<double> minShares)
    {
        var plain = model.RecognizeMany(dev.Input, propagation: null);
        var with = minShares.Select(share => (share, dev.Score(_ => plain.Select((entities, i) =>
            (IReadOnlyList<Entity>)DocumentConsistency.Propagate(dev.Input[i].Tokens, entities.ToList(), share)).ToArray())!)).ToArray();
        return new PropagationChoice(dev.Score(_ => plain)!, with);
    }

    /// <summary>Epoch progress shown as every backend's progress is (<see cref="EpochProgressExtensions.ToNerTrainingProgress"/>).</summary>
    private sealed class EpochProgressAdapter(IProgress<NerTrainingProgress> inner) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => inner.Report(value.ToNerTrainingProgress());
    }
}
