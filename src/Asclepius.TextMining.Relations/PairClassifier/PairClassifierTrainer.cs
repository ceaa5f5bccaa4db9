using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Trains `Rel.PairClassifier.v1`: every schema-allowed pair in the window becomes a row labeled with its
/// gold relation or NONE; an ML.NET maximum-entropy classifier (L-BFGS or SDCA) learns them; the weights
/// are taken out of ML.NET into <see cref="PairClassifierModel"/>.
/// </summary>
public static class PairClassifierTrainer
{
    /// <summary>Counts from building the training rows, for training/data.json.</summary>
    public sealed record TrainingSummary(int Documents, int Candidates, IReadOnlyDictionary<string, int> PositivesByLabel, int GoldRelations, int GoldUnreachable);

    public static PairClassifierModel Train(IReadOnlyList<AnnotatedDocument> train, LabelSchema schema, PairClassifierOptions options, out TrainingSummary summary, CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, "the training corpus has no documents");
        if (!schema.Relations.Any()) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"schema '{schema.Name}' defines no relations to learn");

        DocumentAggregation.Validate(options.Aggregation, options.TopK);
        var documentLevel = options.DocumentLevel ?? train.Any(d => d.Relations.Any(r => r.IsConceptLevel));
        var concepts = ConceptDictionary.Learn(train.SelectMany(d => d.Entities.Select(e => (e.Label, d.TextOf(e), e.ConceptIds))));
        var labels = new List<string> { PairClassifierModel.None };
        labels.AddRange(schema.RelationLabels.OrderBy(l => l, StringComparer.Ordinal));
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);

        var hasher = new FeatureHasher(options.HashBits);
        var featurizer = new PairFeaturizer(hasher);
        var finder = new CandidateFinder(schema, options.SentenceWindow);
        var rows = new List<PairRow>();
        var positives = new Dictionary<string, int>();
        int goldRelations = 0, reached = 0;

        foreach (var doc in train)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Generated entity-only samples say their relations were never annotated: their pairs are not negatives.
            if (doc.Document.Meta.TryGetValue("relations", out var annotated) && annotated == "not_annotated") continue;
            foreach (var r in doc.Relations)
                if (!labelIndex.ContainsKey(r.Label))
                    throw new TextMiningException(ErrorCodes.LabelNotInSchema, $"relation label '{r.Label}' is not in schema '{schema.Name}' ({string.Join(", ", schema.RelationLabels)})", $"document {doc.Id}");

            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var candidates = finder.Find(tokens, doc.Entities);
            var mentions = MentionIndex.Of(candidates);
            var gold = GoldLabeler.For(doc);
            goldRelations += gold.Count;
            var hit = new HashSet<object>();
            foreach (var c in candidates)
            {
                var (label, key) = gold.LabelOf(c);
                if (key is not null) hit.Add(key);
                var k = label is null ? 0 : labelIndex[label];
                if (k > 0) positives[label!] = positives.GetValueOrDefault(label!) + 1;
                rows.Add(new PairRow { Label = labels[k], Features = ToVector(featurizer.Featurize(tokens, c, mentions), hasher.Dimension) });
            }
            reached += hit.Count;
        }
        if (rows.Count == 0)
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, "no candidate entity pairs: the entities do not match the schema's relation pairs, or the sentence window is too small");
        if (positives.Count == 0)
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, "no candidate pair carries a gold relation: nothing to learn");

        summary = new TrainingSummary(train.Count, rows.Count, positives, goldRelations, goldRelations - reached);
        var (weights, biases) = Fit(rows, labels, hasher.Dimension, options);
        return new PairClassifierModel(options with { DocumentLevel = documentLevel }, labels, weights, biases, documentLevel, concepts);
    }

    private static ((int[], float[])[] Weights, float[] Biases) Fit(List<PairRow> rows, IReadOnlyList<string> labels, int dimension, PairClassifierOptions options)
    {
        var ml = new MLContext(options.Seed);
        var schemaDef = SchemaDefinition.Create(typeof(PairRow));
        schemaDef[nameof(PairRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = ml.Data.LoadFromEnumerable(rows, schemaDef);

        // Keys in the order of `labels` (NONE first), whatever order the rows come in.
        var keyData = ml.Data.LoadFromEnumerable(labels.Select(l => new KeyRow { Label = l }));
        var toKey = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(PairRow.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: keyData);

        MaximumEntropyModelParameters parameters;
        if (options.Trainer.Equals("sdca", StringComparison.OrdinalIgnoreCase))
        {
            var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey", FeatureColumnName = nameof(PairRow.Features),
                L2Regularization = options.L2 / rows.Count, L1Regularization = options.L1 / rows.Count,
                MaximumNumberOfIterations = options.MaxIterations, NumberOfThreads = 1, Shuffle = false,
            });
            parameters = toKey.Append(trainer).Fit(data).LastTransformer.Model;
        }
        else if (options.Trainer.Equals("lbfgs", StringComparison.OrdinalIgnoreCase))
        {
            var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey", FeatureColumnName = nameof(PairRow.Features),
                L1Regularization = options.L1, L2Regularization = options.L2,
                MaximumNumberOfIterations = options.MaxIterations, NumberOfThreads = Math.Max(1, options.Threads),
            });
            parameters = toKey.Append(trainer).Fit(data).LastTransformer.Model;
        }
        else
        {
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"unknown relation trainer '{options.Trainer}'; use lbfgs or sdca");
        }

        VBuffer<float>[] w = [];
        parameters.GetWeights(ref w, out var n);
        if (n != labels.Count) throw new InvalidOperationException($"the classifier has {n} classes for {labels.Count} labels");
        var biases = parameters.GetBiases().ToArray();
        var weights = new (int[], float[])[n];
        for (var k = 0; k < n; k++)
        {
            var idx = new List<int>();
            var val = new List<float>();
            foreach (var (i, v) in w[k].Items())
                if (v != 0) { idx.Add(i); val.Add(v); }
            weights[k] = (idx.ToArray(), val.ToArray());
        }
        return (weights, biases);
    }

    private static VBuffer<float> ToVector(int[] features, int dimension)
    {
        var values = new float[features.Length];
        Array.Fill(values, 1f);
        return new VBuffer<float>(dimension, features.Length, values, features);
    }

    private sealed class KeyRow
    {
        public string Label { get; set; } = "";
    }

    private sealed class PairRow
    {
        public string Label { get; set; } = "";
        public VBuffer<float> Features { get; set; }
    }
}
