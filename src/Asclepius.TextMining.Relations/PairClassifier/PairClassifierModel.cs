using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// The state of a trained pair classifier: options, class labels (index 0 is always NONE), a sparse
/// weight vector and a bias per class, and the concept dictionary for document-level relations.
/// Stored as component files:
///   model.json   — {"format_version":1,"labels":[...],"biases":[...],"hash_bits":N,"document_level":b,"options":{...}}
///   weights.bin  — little-endian: int32 classes; per class: int32 count, then count × (int32 index, float32 value)
///   concepts.json — {"Label|normalized text": "concept id", ...}
/// Scoring is a sparse dot product per class and a softmax (the max-entropy model), done here rather than
/// through an ML.NET prediction engine so that it is allocation-light and safe on many threads.
/// </summary>
public sealed class PairClassifierModel
{
    public const string None = "NONE";
    public const int FormatVersion = 1;

    private readonly (int[] Index, float[] Value)[] _weights;
    private readonly Dictionary<int, float>[] _lookup;

    public PairClassifierModel(PairClassifierOptions options, IReadOnlyList<string> labels, (int[] Index, float[] Value)[] weights, float[] biases, bool documentLevel, ConceptDictionary concepts)
    {
        if (labels.Count == 0 || labels[0] != None) throw new ArgumentException("label 0 must be NONE");
        if (weights.Length != labels.Count || biases.Length != labels.Count) throw new ArgumentException("one weight vector and bias per label");
        Options = options;
        Labels = labels;
        _weights = weights;
        Biases = biases;
        DocumentLevel = documentLevel;
        Concepts = concepts;
        _lookup = weights.Select(w =>
        {
            var d = new Dictionary<int, float>(w.Index.Length);
            for (var i = 0; i < w.Index.Length; i++) d[w.Index[i]] = w.Value[i];
            return d;
        }).ToArray();
        Hasher = new FeatureHasher(options.HashBits);
    }

    public PairClassifierOptions Options { get; }
    public IReadOnlyList<string> Labels { get; }
    public float[] Biases { get; }
    public bool DocumentLevel { get; }
    public ConceptDictionary Concepts { get; }
    public FeatureHasher Hasher { get; }

    /// <summary>The same weights with another decision threshold (tuned on a dev set after training).</summary>
    public PairClassifierModel WithThreshold(float threshold) => WithOptions(Options with { Threshold = threshold });

    /// <summary>The same weights with another concept dictionary (e.g. learned from training and dev mentions).</summary>
    public PairClassifierModel WithConcepts(ConceptDictionary concepts) =>
        new(Options, Labels, _weights, Biases, DocumentLevel, concepts);

    /// <summary>The same weights with other inference options (threshold, aggregation, scoring window).</summary>
    public PairClassifierModel WithOptions(PairClassifierOptions options) =>
        new(options, Labels, _weights, Biases, DocumentLevel, Concepts);

    public int NonZeroWeights => _weights.Sum(w => w.Index.Length);

    /// <summary>Class probabilities for a feature set (binary features, sorted indexes).</summary>
    public float[] Probabilities(int[] features)
    {
        var scores = new float[Labels.Count];
        for (var k = 0; k < scores.Length; k++)
        {
            var s = Biases[k];
            var w = _lookup[k];
            foreach (var f in features) if (w.TryGetValue(f, out var v)) s += v;
            scores[k] = s;
        }
        var max = scores.Max();
        var sum = 0f;
        for (var k = 0; k < scores.Length; k++) sum += scores[k] = MathF.Exp(scores[k] - max);
        for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
        return scores;
    }

    public IReadOnlyDictionary<string, byte[]> ToFiles()
    {
        var model = new JsonObject
        {
            ["format_version"] = FormatVersion,
            ["labels"] = new JsonArray(Labels.Select(l => (JsonNode)l).ToArray()),
            ["biases"] = new JsonArray(Biases.Select(b => (JsonNode)b).ToArray()),
            ["hash_bits"] = Options.HashBits,
            ["document_level"] = DocumentLevel,
            ["options"] = JsonSerializer.SerializeToNode(Options),
        };
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            w.Write(_weights.Length);
            foreach (var (index, value) in _weights)
            {
                w.Write(index.Length);
                for (var i = 0; i < index.Length; i++) { w.Write(index[i]); w.Write(value[i]); }
            }
        }
        return new Dictionary<string, byte[]>
        {
            ["model.json"] = System.Text.Encoding.UTF8.GetBytes(model.ToJsonString(new JsonSerializerOptions { WriteIndented = true })),
            ["weights.bin"] = ms.ToArray(),
            ["concepts.json"] = Concepts.ToJson(),
        };
    }

    public static PairClassifierModel FromFiles(IReadOnlyDictionary<string, byte[]> files, string location)
    {
        try
        {
            var model = JsonNode.Parse(files["model.json"])!.AsObject();
            var version = (int)model["format_version"]!;
            if (version > FormatVersion)
                throw new TextMiningException(ErrorCodes.PackageVersionUnsupported, $"relation model format {version} is newer than this build reads ({FormatVersion})", location);
            var labels = model["labels"]!.AsArray().Select(l => (string)l!).ToArray();
            var biases = model["biases"]!.AsArray().Select(b => (float)b!).ToArray();
            var optionsNode = model["options"] as JsonObject;
            var options = optionsNode.Deserialize<PairClassifierOptions>() ?? new PairClassifierOptions();
            // Models written before the aggregation option aggregated by max: keep reading them that way.
            if (optionsNode is not null && !optionsNode.ContainsKey(nameof(PairClassifierOptions.Aggregation)))
                options = options with { Aggregation = DocumentAggregation.Max };
            if (!DocumentAggregation.Rules.Contains(options.Aggregation) || options.TopK < 1)
                throw new InvalidDataException($"unknown document-level aggregation '{options.Aggregation}' (k={options.TopK})");
            using var r = new BinaryReader(new MemoryStream(files["weights.bin"]));
            var classes = r.ReadInt32();
            if (classes != labels.Length) throw new InvalidDataException($"weights.bin holds {classes} classes, model.json {labels.Length}");
            var weights = new (int[], float[])[classes];
            for (var k = 0; k < classes; k++)
            {
                var n = r.ReadInt32();
                var idx = new int[n];
                var val = new float[n];
                for (var i = 0; i < n; i++) { idx[i] = r.ReadInt32(); val[i] = r.ReadSingle(); }
                weights[k] = (idx, val);
            }
            var concepts = files.TryGetValue("concepts.json", out var c) ? ConceptDictionary.FromJson(c) : new ConceptDictionary(new());
            return new PairClassifierModel(options, labels, weights, biases, (bool?)model["document_level"] ?? false, concepts);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or JsonException or InvalidDataException or EndOfStreamException or NullReferenceException or InvalidOperationException or ArgumentException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"relation model files are malformed: {ex.Message}", location, ex);
        }
    }
}
