using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Tagging;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// The state of a token-window model: options (which decide the features), tag vocabulary, lexicons and
/// the ML.NET model. Behaviour lives in <see cref="TokenWindowRecognizer"/>, rebuilt from this state.
/// Component files (layout version 1, read by <see cref="FromComponentFiles"/> and written by
/// <see cref="ToComponentFiles"/>):
///   model.zip      the ML.NET model (mlContext.Model.Save of the multiclass prediction transformer);
///                  its input is a "Features" vector of 2^hash_bits floats, its label a key over the tags
///   model.json     { "layout_version": 1, "scheme": "bilou", "tags": ["O","B-Chemical",...],
///                    "labels": [...], "options": {TokenWindowOptions}, "lexicons": ["chemicals",...] }
///   lexicons.json  only when trained with lexicons: { "name": ["phrase", ...] }
/// At load the weights are copied out of the ML.NET model into one dense array [feature * C + class]
/// and scored directly: no PredictionEngine (not thread-safe), no IDataView per sentence.
/// </summary>
public sealed class TokenWindowModel
{
    public const string Kind = "Ner.TokenWindow.v1";
    public const int LayoutVersion = 1;
    public const string ModelFile = "model.zip";
    public const string MetaFile = "model.json";
    public const string LexiconFile = "lexicons.json";

    internal TokenWindowModel(TokenWindowOptions options, TagScheme scheme, IReadOnlyList<string> tags, LexiconSet? lexicons, byte[] mlNetModel, float[] weights, float[] biases)
    {
        Options = options;
        Scheme = scheme;
        Tags = tags;
        Lexicons = lexicons;
        MlNetModel = mlNetModel;
        Weights = weights;
        Biases = biases;
        Labels = tags.Where(t => t != TagCodec.Outside).Select(t => TagCodec.SplitTag(t).Type).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public TokenWindowOptions Options { get; }
    public TagScheme Scheme { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> Labels { get; }
    public LexiconSet? Lexicons { get; }
    public byte[] MlNetModel { get; }

    internal const int WeightPadding = 8;

    /// <summary>[feature * Tags.Count + class], then <see cref="WeightPadding"/> zeros.</summary>
    internal float[] Weights { get; }
    internal float[] Biases { get; }

    public int NonZeroWeights => Weights.Count(w => w != 0);

    public TokenWindowRecognizer CreateRecognizer() => new(this);

    /// <summary>The same weights with other decoding options (the trainer's tuning on dev).</summary>
    internal TokenWindowModel WithOptions(TokenWindowOptions options) =>
        new(options, Scheme, Tags, Lexicons, MlNetModel, Weights, Biases);

    public IReadOnlyDictionary<string, byte[]> ToComponentFiles()
    {
        var meta = new JsonObject
        {
            ["layout_version"] = LayoutVersion,
            ["scheme"] = Scheme.ToString().ToLowerInvariant(),
            ["tags"] = new JsonArray(Tags.Select(t => (JsonNode)t).ToArray()),
            ["labels"] = new JsonArray(Labels.Select(t => (JsonNode)t).ToArray()),
            ["options"] = Options.ToJsonNode(),
            ["lexicons"] = new JsonArray((Lexicons?.Names ?? []).Select(n => (JsonNode)n).ToArray()),
        };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [ModelFile] = MlNetModel,
            [MetaFile] = JsonSerializer.SerializeToUtf8Bytes(meta, new JsonSerializerOptions { WriteIndented = true }),
        };
        if (Lexicons is not null) files[LexiconFile] = Lexicons.ToJson();
        return files;
    }

    public static TokenWindowModel FromComponentFiles(IReadOnlyDictionary<string, byte[]> files, string location)
    {
        byte[] Need(string name) => files.TryGetValue(name, out var b) ? b
            : throw new TextMiningException(ErrorCodes.PackageMalformed, $"token-window component has no {name}", location);

        JsonObject meta;
        try { meta = JsonNode.Parse(Need(MetaFile)) as JsonObject ?? throw new JsonException("not an object"); }
        catch (JsonException ex) { throw new TextMiningException(ErrorCodes.PackageMalformed, $"{MetaFile} is malformed: {ex.Message}", location, ex); }

        var layout = (int?)meta["layout_version"] ?? 1;
        if (layout > LayoutVersion)
            throw new TextMiningException(ErrorCodes.PackageVersionUnsupported, $"{MetaFile} has layout version {layout}; this build reads up to {LayoutVersion}", location);
        var scheme = ((string?)meta["scheme"] ?? "bilou") switch
        {
            "bilou" => TagScheme.Bilou,
            "bio" => TagScheme.Bio,
            var s => throw new TextMiningException(ErrorCodes.PackageMalformed, $"unknown tag scheme '{s}' in {MetaFile}", location),
        };
        var tags = (meta["tags"] as JsonArray)?.Select(t => (string?)t ?? "").ToArray()
            ?? throw new TextMiningException(ErrorCodes.PackageMalformed, $"{MetaFile} has no tags", location);
        if (tags.Length < 2 || tags[0] != TagCodec.Outside)
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"{MetaFile}: tags must start with 'O' and name at least one entity tag", location);
        var options = meta["options"] is JsonObject o
            ? TokenWindowOptions.FromJson(JsonSerializer.SerializeToUtf8Bytes(o), $"{location}!{MetaFile}")
            : TokenWindowOptions.Default;
        var lexicons = files.TryGetValue(LexiconFile, out var lexBytes) ? LexiconSet.FromJson(lexBytes, $"{location}!{LexiconFile}") : null;

        var mlBytes = Need(ModelFile);
        var (weights, biases) = ReadWeights(mlBytes, tags.Length, 1 << options.HashBits, location);
        return new TokenWindowModel(options, scheme, tags, lexicons, mlBytes, weights, biases);
    }

    /// <summary>Builds the model from a freshly trained ML.NET model (the trainer's side of the hand-off).</summary>
    internal static TokenWindowModel FromTrained(TokenWindowOptions options, TagScheme scheme, IReadOnlyList<string> tags, LexiconSet? lexicons,
        MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        using var ms = new MemoryStream();
        ml.Model.Save(transformer, inputSchema, ms);
        // Same training, same bytes: ML.NET dates its zip entries with the clock.
        var bytes = ZipTimestamps.Normalize(ms.ToArray());
        var (weights, biases) = Extract(transformer, tags.Count, 1 << options.HashBits, "trained model");
        return new TokenWindowModel(options, scheme, tags, lexicons, bytes, weights, biases);
    }

    private static (float[] Weights, float[] Biases) ReadWeights(byte[] mlBytes, int classes, int dimension, string location)
    {
        var ml = new MLContext(seed: 0);
        ITransformer transformer;
        try
        {
            using var ms = new MemoryStream(mlBytes, writable: false);
            transformer = ml.Model.Load(ms, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"{ModelFile} is not a loadable ML.NET model: {ex.Message}", location, ex);
        }
        return Extract(transformer, classes, dimension, location);
    }

    private static (float[] Weights, float[] Biases) Extract(ITransformer transformer, int classes, int dimension, string location)
    {
        if (transformer is not ISingleFeaturePredictionTransformer<MaximumEntropyModelParameters> { Model: var model })
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"{ModelFile} holds {transformer.GetType().Name}, not a maximum-entropy multiclass model", location);
        VBuffer<float>[] rows = [];
        model.GetWeights(ref rows, out var numClasses);
        if (numClasses != classes)
            throw new TextMiningException(ErrorCodes.PackageSchemaMismatch, $"{ModelFile} has {numClasses} classes but the tag vocabulary has {classes}", location);
        // WeightPadding floats past the last row let the scorer read whole 8-float vectors at any row.
        var weights = new float[(long)dimension * classes + WeightPadding > int.MaxValue
            ? throw new TextMiningException(ErrorCodes.PackageMalformed, "model too large", location)
            : dimension * classes + WeightPadding];
        for (var c = 0; c < classes; c++)
        {
            var row = rows[c];
            if (row.Length != dimension)
                throw new TextMiningException(ErrorCodes.PackageSchemaMismatch, $"{ModelFile} has {row.Length} features; the options say {dimension}", location);
            var values = row.GetValues();
            if (row.IsDense)
            {
                for (var f = 0; f < values.Length; f++) weights[f * classes + c] = values[f];
            }
            else
            {
                var indices = row.GetIndices();
                for (var k = 0; k < values.Length; k++) weights[indices[k] * classes + c] = values[k];
            }
        }
        var biases = model.GetBiases().ToArray();
        return (weights, biases);
    }
}
