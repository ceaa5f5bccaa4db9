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
        IProgress<EpochProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, "the training corpus has no documents");
        if (!schema.Relations.Any()) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"schema '{schema.Name}' defines no relations to learn");
        options.Validate(encoder.Config.MaxPositions);
        options = options with { Encoder = encoder.Name, MaxPieces = Math.Min(options.MaxPieces, encoder.Config.MaxPositions - 2) };
        var device = TorchDevices.Resolve(options.Device);
        var clock = Stopwatch.StartNew();

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
            network = new TransformerRelationNetwork(encoder.Create(init), labels.Count, options.Dropout, options.EncoderDropoutFor(encoder.Config));
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
        using var optimizer = options.Optimizer(encoderParameters, headParameters, (examples.Count + options.BatchSize - 1) / options.BatchSize);
        using var dropout = new DropoutSource((ulong)options.Seed + 1);
        DevScore? ScoreDev()
        {
            if (dev.Count == 0) return null;
            var (threshold, f1, _) = Tune(model, dev, devTokens, finder, decoder);
            return new DevScore(f1, Threshold: threshold);
        }
        var loop = new EpochLoop<PairInput>
        {
            Items = examples,
            Length = x => x.Pieces.Length,
            Network = network,
            BeginEpoch = _ => network.train(),
            Step = pairs =>
            {
                using var scope = torch.NewDisposeScope();
                var batch = model.BuildBatch(pairs);
                return optimizer.Step(network.Loss(network.Logits(batch, dropout), batch));
            },
            EndEpoch = () => network.eval(),
            ScoreDev = ScoreDev,
        };
        var run = loop.Run(options, clock, progress, cancellationToken);

        // Round to what the package stores, so the model returned (and its tuned threshold) is the saved one.
        ModuleWeights.Round(network, options.WeightStorage);
        network.eval();
        double? bestF1 = null;
        IReadOnlyList<(float, double)> curve = [];
        if (dev.Count > 0)
        {
            var (threshold, f1, c) = Tune(model, dev, devTokens, finder, decoder);
            model.SetThreshold(threshold);
            bestF1 = f1;
            curve = c;
        }
        model.Training = run.Into(new TransformerRelationTrainingReport
        {
            TrainDocuments = train.Count,
            Candidates = examples.Count,
            PositivesByLabel = positives,
            GoldRelations = goldRelations,
            GoldUnreachable = goldRelations - reached,
            TrainPieces = pieces,
            DevDocuments = dev.Count,
            Parameters = model.ParameterCount,
            ThresholdCurve = curve,
        }, clock.Elapsed) with { BestDevF1 = bestF1 };
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
}
