using System.Text.Json;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Tokenization;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// A fine-tuned transformer tagger: options, encoder shape, WordPiece vocabulary, BILOU tags and weights. What a
/// model package stores, as the files of component kind <see cref="Kind"/>:
///   options.json — <see cref="TransformerNerOptions"/>,
///   encoder.json — the encoder's shape as a Hugging Face config.json (<see cref="BertConfigJson"/>),
///   vocab.txt    — the WordPiece vocabulary, one piece per line,
///   tags.json    — the BILOU tags, in the order of the classifier's outputs,
///   weights.bin  — TorchSharp's Module.save of the whole network (encoder, classifier, CRF) in the dtype
///                  options.json's weight_storage names (float16 by default: half the size; the trainer rounds the
///                  model to it before its last dev score, so the stored model is the scored one),
///   lexicons.json — only when trained with lexicons (<see cref="CrfTaggerModel.LexiconFile"/>): their match positions
///                  are embedded beside each token's vector; its presence adds the lexicon embedding to the network.
/// Tokens come from the clinical tokenizer (as for every NER backend, so spans are the same units); each token is
/// split into word pieces with character offsets, and its first piece's vector is what is labeled. Texts longer
/// than a window are cut into overlapping windows (<see cref="PieceWindows"/>) and stitched back before decoding.
/// Labeling runs short windows of several documents in one forward pass (<see cref="LabelingBatchPieces"/>, shortest
/// first); padding is masked out of attention, so a document gets the entities it gets alone (TransformerNerBatchLabelingTests).
/// Decoding may add one-sense-per-document propagation (options.json's propagate_in_document, chosen on dev by the trainer).
/// Prediction never changes the model: one instance serves many threads.
/// </summary>
public sealed class TransformerNerModel : CrfTaggerModel
{
    public const string Kind = "Ner.Transformer.v1";
    public const string OptionsFile = "options.json";
    public const string EncoderFile = "encoder.json";
    public const string VocabularyFile = "vocab.txt";
    public const string TagsFile = "tags.json";
    public const string WeightsFile = "weights.bin";

    internal TransformerNerModel(TransformerNerOptions options, IReadOnlyList<string> vocabulary, IReadOnlyList<string> tags, TransformerNerNetwork network, Device device, TransformerNerTrainingReport? training, TokenWindow.LexiconSet? lexicons = null)
        : base(network, device, lexicons)
    {
        Options = options;
        Tokenizer = new WordPieceTokenizer(vocabulary);
        Tags = tags;
        Labels = tags.Where(t => t != TagCodec.Outside).Select(t => TagCodec.SplitTag(t).Type).Distinct().Order(StringComparer.Ordinal).ToArray();
        Network = network;
        Training = training;
    }

    public override string ComponentKind => Kind;
    public TransformerNerOptions Options { get; }
    public override IReadOnlyList<string> Labels { get; }
    public override IReadOnlyList<string> Tags { get; }
    public BertConfig EncoderConfig => Network.Config;
    /// <summary>Set on a freshly trained model; null on a loaded one.</summary>
    public TransformerNerTrainingReport? Training { get; }

    internal WordPieceTokenizer Tokenizer { get; }
    internal TransformerNerNetwork Network { get; }

    /// <summary>The component files (name → bytes) for a model package.</summary>
    public IReadOnlyDictionary<string, byte[]> ToFiles()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
        [OptionsFile] = Encoding.UTF8.GetBytes(Options.ToJson()),
        [EncoderFile] = Encoding.UTF8.GetBytes(BertConfigJson.Write(EncoderConfig)),
        [VocabularyFile] = Encoding.UTF8.GetBytes(string.Join("\n", Tokenizer.Vocabulary) + "\n"),
        [TagsFile] = JsonSerializer.SerializeToUtf8Bytes(Tags),
        [WeightsFile] = SaveWeights(Network, Options.WeightStorage),
        };
        if (Lexicons is not null) files[LexiconFile] = Lexicons.ToJson();
        return files;
    }

    /// <summary>Rebuilds a model from its component files.</summary>
    /// <param name="device">Where to run it: "cpu" (default) or "cuda"; the device it was trained on does not matter.</param>
    /// <param name="location">Named in errors, e.g. "model.zip!components/ner".</param>
    /// <param name="threads">libtorch intra-op threads (process-wide); 1 by default, as labeling parallelizes over documents.</param>
    public static TransformerNerModel FromFiles(IReadOnlyDictionary<string, byte[]> files, string device = "cpu", string location = Kind, int threads = 1)
    {
        torch.set_num_threads(Math.Max(1, threads));
        var File = FileReader(files, "transformer", location);
        var options = TransformerNerOptions.FromJson(Encoding.UTF8.GetString(File(OptionsFile)), $"{location}/{OptionsFile}");
        BertConfig config;
        string[] tags;
        try
        {
            config = BertConfigJson.Read(Encoding.UTF8.GetString(File(EncoderFile)), $"{location}/{EncoderFile}");
            tags = JsonSerializer.Deserialize<string[]>(File(TagsFile)) ?? throw new InvalidDataException($"{location}/{TagsFile}: null");
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, ex.Message, location, ex);
        }
        var vocabulary = WordPieceTokenizer.Load(new MemoryStream(File(VocabularyFile))).Vocabulary;
        if (vocabulary.Count != config.VocabularySize)
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"the vocabulary has {vocabulary.Count} pieces, encoder.json says {config.VocabularySize}", location);
        var torchDevice = TorchDevices.Resolve(device);
        var lexicons = ReadLexicons(files, options.LexiconFolder, location);
        var network = new TransformerNerNetwork(new BertEncoder(config), tags, options.Dropout, options.EncoderDropoutFor(config), lexicons?.Count ?? 0, options.LexiconDim);
        LoadWeights(network, File(WeightsFile), options.WeightStorage, torchDevice,
            "transformer weights do not match encoder.json and tags.json", $"{location}/{WeightsFile}");
        return new TransformerNerModel(options with { Device = device }, vocabulary, tags, network, torchDevice, training: null, lexicons);
    }

    public TransformerNerRecognizer CreateRecognizer() => new(this);

    /// <summary>
    /// Word pieces (padding included) per forward pass at labeling time: short windows of several documents share a pass
    /// (shortest first, so little is padding), a full window (254 pieces) shares it with at most three others. Measured on
    /// 2 CPU cores: 16 full windows a pass cost 25 % more CPU per token than one (attention tensors of ~50 MB each), so
    /// the budget stays small; each window's scores are what it gets alone (padding is masked out of attention).
    /// </summary>
    internal const int LabelingBatchPieces = 1024;

    /// <summary>
    /// Entities per document: the windows of all <paramref name="documents"/> go through the network in shared passes, then
    /// each document is decoded on its own (and its mentions propagated when <see cref="TransformerNerOptions.PropagateInDocument"/> says so).
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents) =>
        RecognizeMany(documents, Options.PropagateInDocument == true ? Options.PropagationMinShare ?? 0 : null);

    /// <summary>
    /// <see cref="RecognizeMany(IReadOnlyList{ValueTuple{Document, TokenizedText}})"/> with the propagation given, whatever
    /// the options say: null none, else <see cref="DocumentConsistency.Propagate"/> with that minimum share.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents, double? propagation)
    {
        var encoded = documents.Select(d => d.Tokens.Tokens.Count > 0 ? Encode(d.Tokens, null) : null).ToArray();
        var tags = Predict(encoded, LabelingBatchPieces);
        var results = new IReadOnlyList<Entity>[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            var entities = new List<Entity>();
            if (tags[d] is { } docTags) AddEntities(entities, documents[d].Tokens.Tokens, docTags);
            results[d] = propagation is { } share ? DocumentConsistency.Propagate(documents[d].Tokens, entities, share) : entities;
        }
        return results;
    }

    /// <summary>Word pieces of every token (its own text only, so pieces never cross tokens), windows and their owners.</summary>
    internal EncodedDocument Encode(TokenizedText text, string[]? tags)
    {
        var tokens = text.Tokens;
        var pieces = new List<int>();
        var first = new int[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            first[t] = pieces.Count;
            var own = Tokenizer.Tokenize(tokens[t].Text);
            if (own.Count == 0) pieces.Add(Tokenizer.UnknownId); // a token BERT's tokenizer drops (a control character) still needs a vector
            for (var i = 0; i < own.Count && i < Options.MaxPiecesPerToken; i++) pieces.Add(own[i].Id);
        }
        var windows = PieceWindows.Split(first, pieces.Count, Options.WindowPieces, Options.WindowOverlap);
        return new EncodedDocument(pieces.ToArray(), first, tags, windows, PieceWindows.Owners(first, pieces.Count, windows),
            Lexicons?.PositionIds(text, 0, tokens.Count));
    }

    /// <summary>One window's network input; tag ids when the document has tags (closed at the window's edges).</summary>
    internal WindowBatch.Window Window(EncodedDocument doc, int window)
    {
        var (firstToken, count) = doc.Windows[window];
        var pieces = doc.WindowPieces(firstToken, count);
        var firstPiece = new int[count];
        for (var t = 0; t < count; t++) firstPiece[t] = doc.FirstPiece[firstToken + t] - pieces.Offset;
        var tagIds = doc.Tags is null ? null : TagIds(doc.Tags, firstToken, count);
        var lexicon = doc.Lexicon is null ? null : doc.Lexicon.AsSpan(firstToken * Lexicons!.Count, count * Lexicons.Count).ToArray();
        return new WindowBatch.Window(pieces, firstPiece, tagIds, lexicon);
    }

    internal WindowBatch BuildBatch(IReadOnlyList<WindowBatch.Window> windows) =>
        WindowBatch.Build(windows, Tokenizer.ClsId, Tokenizer.SepId, Tokenizer.PadId, Device);

    /// <summary>Best valid tag sequence of each document (null for a document without tokens), from <see cref="Emissions"/>.</summary>
    internal int[]?[] Predict(IReadOnlyList<EncodedDocument?> documents, int batchPieces) =>
        Emissions(documents, batchPieces).Select((e, d) => e is null ? null : ConstrainedViterbi.Decode(e, 0, documents[d]!.TokenCount, Crf)).ToArray();

    /// <summary>
    /// Emission scores [token · K] of each document (null without tokens), stitched from its windows (each token's from
    /// the window that owns it); the windows of all documents go through the network shortest first, as many in one pass
    /// as fit <paramref name="batchPieces"/> padded pieces ([CLS] and [SEP] counted; a longer window goes alone).
    /// </summary>
    internal float[]?[] Emissions(IReadOnlyList<EncodedDocument?> documents, int batchPieces)
    {
        var k = Tags.Count;
        var emissions = documents.Select(doc => doc is null ? null : new float[doc.TokenCount * k]).ToArray();
        var windows = documents.SelectMany((doc, d) => doc is null ? [] : Enumerable.Range(0, doc.Windows.Count).Select(w => (Doc: d, Window: w)))
            .OrderBy(x => documents[x.Doc]!.WindowLength(x.Window))
            .ToArray();
        using var noGrad = torch.no_grad();
        foreach (var chunk in Passes(windows, x => documents[x.Doc]!.WindowLength(x.Window) + 2, batchPieces))
        {
            using var scope = torch.NewDisposeScope();
            var inputs = chunk.Select(x => Window(documents[x.Doc]!, x.Window)).ToArray();
            var values = Network.Emissions(BuildBatch(inputs), dropout: null).cpu().data<float>().ToArray(); // [B,T,K]
            var t = values.Length / (chunk.Length * k);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (d, w) = chunk[i];
                var doc = documents[d]!;
                var (firstToken, count) = doc.Windows[w];
                for (var j = 0; j < count; j++)
                    if (doc.Owners[firstToken + j] == w)
                        Array.Copy(values, (i * t + j) * k, emissions[d]!, (firstToken + j) * k, k);
            }
        }
        return emissions;
    }

    /// <summary>Consecutive items (sorted by length) in passes whose padded size, count × longest, stays within <paramref name="budget"/>.</summary>
    private static IEnumerable<T[]> Passes<T>(IReadOnlyList<T> sorted, Func<T, int> length, int budget)
    {
        var pass = new List<T>();
        foreach (var item in sorted)
        {
            if (pass.Count > 0 && (pass.Count + 1) * length(item) > budget)
            {
                yield return pass.ToArray();
                pass.Clear();
            }
            pass.Add(item);
        }
        if (pass.Count > 0) yield return pass.ToArray();
    }

    /// <summary>Module.save in the storage dtype (<see cref="ModuleWeights.Save"/>).</summary>
    internal static byte[] SaveWeights(TransformerNerNetwork network, WeightStorage storage) => ModuleWeights.Save(network, storage);
}
