using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Tokenization;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Relations.PairClassifier;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// A fine-tuned transformer relation classifier: options, encoder shape, WordPiece vocabulary, relation labels, the
/// entity labels that own marker slots, the concept dictionary (document-level relations) and weights. What a model
/// package stores, as the files of component kind <see cref="Kind"/>:
///   options.json  — <see cref="TransformerRelationOptions"/> (threshold, window, aggregation, training settings),
///   encoder.json  — the encoder's shape as a Hugging Face config.json (<see cref="BertConfigJson"/>),
///   vocab.txt     — the WordPiece vocabulary, one piece per line,
///   labels.json   — {"relations": [NONE, ...] in the classifier's output order, "markers": [entity labels in slot order], "document_level": b},
///   concepts.json — the concept dictionary of document-level relations (<see cref="ConceptDictionary"/>),
///   weights.bin   — TorchSharp's Module.save of the network in options.json's weight_storage dtype (float16 by default).
/// Candidates come from <see cref="CandidateFinder"/> and decisions from <see cref="RelationDecoder"/>, exactly as for
/// the pair classifier. A document's candidates are scored in batches of its own candidates only, in candidate order,
/// so its relations never depend on what else is labeled with it. Scoring never changes the model: one instance
/// serves many threads.
/// </summary>
public sealed class TransformerRelationModel : IDisposable
{
    public const string Kind = "Rel.Transformer.v1";
    public const string OptionsFile = "options.json";
    public const string EncoderFile = "encoder.json";
    public const string VocabularyFile = "vocab.txt";
    public const string LabelsFile = "labels.json";
    public const string ConceptsFile = "concepts.json";
    public const string WeightsFile = "weights.bin";
    /// <summary>Candidates per forward pass at inference.</summary>
    public const int ScoringBatch = 32;

    internal TransformerRelationModel(TransformerRelationOptions options, IReadOnlyList<string> vocabulary, IReadOnlyList<string> labels,
        IReadOnlyList<string> markerLabels, bool documentLevel, ConceptDictionary concepts, TransformerRelationNetwork network, Device device,
        TransformerRelationTrainingReport? training)
    {
        if (labels.Count == 0 || labels[0] != PairClassifierModel.None) throw new ArgumentException("label 0 must be NONE");
        Options = options;
        Tokenizer = new WordPieceTokenizer(vocabulary);
        Labels = labels;
        Markers = new EntityMarkers(markerLabels, vocabulary);
        DocumentLevel = documentLevel;
        Concepts = concepts;
        Network = network;
        Device = device;
        Training = training;
        Encoder = new PairEncoder(Tokenizer, Markers, options.MaxPieces);
        network.eval();
    }

    public TransformerRelationOptions Options { get; private set; }
    /// <summary>Relation labels in the classifier's output order; index 0 is NONE.</summary>
    public IReadOnlyList<string> Labels { get; }
    public bool DocumentLevel { get; }
    public ConceptDictionary Concepts { get; private set; }
    public BertConfig EncoderConfig => Network.Config;
    /// <summary>Set on a freshly trained model; null on a loaded one.</summary>
    public TransformerRelationTrainingReport? Training { get; internal set; }
    public long ParameterCount => Network.parameters().Sum(p => p.numel());
    public RelationDecision Decision => Options.Decision(DocumentLevel);

    internal WordPieceTokenizer Tokenizer { get; }
    internal EntityMarkers Markers { get; }
    internal PairEncoder Encoder { get; }
    internal TransformerRelationNetwork Network { get; }
    internal Device Device { get; }

    /// <summary>Another decision threshold (tuned on dev by the trainer; <see cref="ThresholdTuner"/>).</summary>
    public void SetThreshold(float threshold) => Options = Options with { Threshold = threshold };

    /// <summary>Another concept dictionary (e.g. learned from training and dev mentions, extended by synonyms).</summary>
    public void SetConcepts(ConceptDictionary concepts) => Concepts = concepts;

    /// <summary>The concept an entity stands for: its gold identifier, else the dictionary learned in training.</summary>
    public string ConceptOf(Document document, Entity e) => Concepts.ConceptOf(e.Label, document.Slice(e.Span), e.ConceptIds);

    /// <summary>The component files (name → bytes) for a model package.</summary>
    public IReadOnlyDictionary<string, byte[]> ToFiles() => new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        [OptionsFile] = Encoding.UTF8.GetBytes(Options.ToJson()),
        [EncoderFile] = Encoding.UTF8.GetBytes(BertConfigJson.Write(EncoderConfig)),
        [VocabularyFile] = Encoding.UTF8.GetBytes(string.Join("\n", Tokenizer.Vocabulary) + "\n"),
        [LabelsFile] = JsonSerializer.SerializeToUtf8Bytes(new LabelsJson(Labels.ToArray(), Markers.Labels.ToArray(), DocumentLevel)),
        [ConceptsFile] = Concepts.ToJson(),
        [WeightsFile] = ModuleWeights.Save(Network, Options.WeightStorage),
    };

    /// <summary>Rebuilds a model from its component files; anything missing or inconsistent is ATM303-class (PackageMalformed) naming the file.</summary>
    /// <param name="device">Where to run it: "cpu" (default) or "cuda"; the device it was trained on does not matter.</param>
    /// <param name="location">Named in errors, e.g. "model.zip!components/relations".</param>
    /// <param name="threads">libtorch intra-op threads (process-wide); 1 by default, as labeling parallelizes over documents.</param>
    public static TransformerRelationModel FromFiles(IReadOnlyDictionary<string, byte[]> files, string device = "cpu", string location = Kind, int threads = 1)
    {
        torch.set_num_threads(Math.Max(1, threads));
        byte[] File(string name) => files.TryGetValue(name, out var data)
            ? data
            : throw new TextMiningException(ErrorCodes.PackageMalformed, $"transformer relation file '{name}' is missing", location);
        var options = TransformerRelationOptions.FromJson(Encoding.UTF8.GetString(File(OptionsFile)), $"{location}/{OptionsFile}");
        BertConfig config;
        LabelsJson labels;
        ConceptDictionary concepts;
        try
        {
            config = BertConfigJson.Read(Encoding.UTF8.GetString(File(EncoderFile)), $"{location}/{EncoderFile}");
            labels = JsonSerializer.Deserialize<LabelsJson>(File(LabelsFile)) ?? throw new InvalidDataException($"{location}/{LabelsFile}: null");
            if (labels.Relations is not { Length: > 0 } || labels.Relations[0] != PairClassifierModel.None || labels.Markers is null)
                throw new InvalidDataException($"{location}/{LabelsFile}: relations must start with {PairClassifierModel.None} and markers must be listed");
            concepts = ConceptDictionary.FromJson(File(ConceptsFile));
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, ex.Message, location, ex);
        }
        if (options.MaxPieces < 1 || options.MaxPieces > config.MaxPositions - 2)
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"max_pieces {options.MaxPieces} does not fit the encoder's {config.MaxPositions} positions", $"{location}/{OptionsFile}");
        var vocabulary = WordPieceTokenizer.Load(new MemoryStream(File(VocabularyFile))).Vocabulary;
        if (vocabulary.Count != config.VocabularySize)
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"the vocabulary has {vocabulary.Count} pieces, encoder.json says {config.VocabularySize}", location);
        var torchDevice = TorchDevices.Resolve(device);
        var network = new TransformerRelationNetwork(new BertEncoder(config), labels.Relations.Length, options.Dropout, options.EncoderDropoutFor(config));
        try
        {
            ModuleWeights.Load(network, File(WeightsFile), options.WeightStorage);
        }
        catch (Exception ex) when (ex is not TextMiningException)
        {
            network.Dispose();
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"transformer relation weights do not match encoder.json and labels.json: {ex.Message}", $"{location}/{WeightsFile}", ex);
        }
        network.to(torchDevice);
        try
        {
            return new TransformerRelationModel(options with { Device = device }, vocabulary, labels.Relations, labels.Markers, labels.DocumentLevel, concepts, network, torchDevice, training: null);
        }
        catch (TextMiningException ex)
        {
            network.Dispose();
            throw new TextMiningException(ErrorCodes.PackageMalformed, ex.Message, location, ex);
        }
    }

    /// <summary>Every candidate pair of the document with its class probabilities (index as <see cref="Labels"/>).</summary>
    public IReadOnlyList<(RelationCandidate Candidate, float[] Probabilities)> ScoreCandidates(TokenizedText tokens, IReadOnlyList<Entity> entities, CandidateFinder finder)
    {
        var candidates = finder.Find(tokens, entities);
        var result = new List<(RelationCandidate, float[])>(candidates.Count);
        var context = new PairEncoder.Context(tokens);
        var inputs = new List<(RelationCandidate Candidate, PairInput Input)>();
        foreach (var c in candidates)
        {
            if (Encoder.Encode(context, c) is { } input) inputs.Add((c, input));
            else result.Add((c, NoneOnly())); // an entity label without markers: never related
        }
        for (var from = 0; from < inputs.Count; from += ScoringBatch)
        {
            var chunk = inputs.Skip(from).Take(ScoringBatch).ToArray();
            var probabilities = Probabilities(chunk.Select(x => x.Input).ToArray());
            for (var i = 0; i < chunk.Length; i++) result.Add((chunk[i].Candidate, probabilities[i]));
        }
        return result;
    }

    /// <summary>Softmax probabilities of each pair.</summary>
    internal float[][] Probabilities(IReadOnlyList<PairInput> pairs)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var logits = Network.Logits(BuildBatch(pairs), dropout: null);
        var values = logits.softmax(1).cpu().data<float>().ToArray();
        var k = Labels.Count;
        return Enumerable.Range(0, pairs.Count).Select(i => values.AsSpan(i * k, k).ToArray()).ToArray();
    }

    internal PairBatch BuildBatch(IReadOnlyList<PairInput> pairs) =>
        PairBatch.Build(pairs, Tokenizer.ClsId, Tokenizer.SepId, Tokenizer.PadId, Device);

    private float[] NoneOnly()
    {
        var p = new float[Labels.Count];
        p[0] = 1f;
        return p;
    }

    public void Dispose() => Network.Dispose();

    private sealed record LabelsJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("relations")] string[] Relations,
        [property: System.Text.Json.Serialization.JsonPropertyName("markers")] string[] Markers,
        [property: System.Text.Json.Serialization.JsonPropertyName("document_level")] bool DocumentLevel);
}
