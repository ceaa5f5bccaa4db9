using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Ner.TokenWindow;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// A trained BiLSTM-CRF: options, vocabularies and network weights. It is what a model package stores,
/// as the files of component kind <see cref="Kind"/>:
///   options.json — <see cref="BiLstmCrfOptions"/> (network dimensions are read back from it),
///   vocab.json   — words, characters and BILOU tags (layout in <see cref="BiLstmCrfVocabulary"/>),
///   weights.bin  — TorchSharp's Module.save format of the network's parameters,
///   lexicons.json — only when trained with lexicons: { "lexicon name": ["phrase", ...] } (<see cref="LexiconSet"/>);
///                   its presence adds the lexicon embedding to the network, so older packages (without it) load unchanged.
/// Prediction never changes it, so one instance can serve many threads (<see cref="CreateRecognizer"/>).
/// </summary>
public sealed class BiLstmCrfModel : IDisposable
{
    public const string Kind = "Ner.BiLstmCrf.v1";
    public const string OptionsFile = "options.json";
    public const string VocabularyFile = "vocab.json";
    public const string WeightsFile = "weights.bin";
    public const string LexiconFile = "lexicons.json";

    /// <summary>Sentences per forward pass at prediction time, at most.</summary>
    private const int PredictBatchSentences = 64;
    /// <summary>
    /// Padded tokens per forward pass, at most: the character CNN's activations grow with sentences × longest
    /// sentence × characters × filters (64 × 250 × 24 × 50 floats would be 77 MB per copy), so long sentences
    /// go in smaller batches and peak memory stays flat.
    /// </summary>
    private const int PredictBatchTokens = 1024;

    private CrfWeights _crf;

    internal BiLstmCrfModel(BiLstmCrfOptions options, BiLstmCrfVocabulary vocabulary, BiLstmCrfNetwork network, Device device, BiLstmCrfTrainingReport? training, LexiconSet? lexicons = null)
    {
        if ((lexicons?.Count ?? 0) != network.LexiconCount)
            throw new ArgumentException($"the network was built for {network.LexiconCount} lexicons, the model has {lexicons?.Count ?? 0}");
        Lexicons = lexicons is { Count: > 0 } ? lexicons : null;
        Options = options;
        Vocabulary = vocabulary;
        Network = network;
        Device = device;
        Training = training;
        network.eval();
        _crf = network.CrfWeights();
    }

    public BiLstmCrfOptions Options { get; }
    public IReadOnlyList<string> Labels => Vocabulary.Labels;
    public IReadOnlyList<string> Tags => Vocabulary.Tags;
    /// <summary>Set on a freshly trained model; null on a loaded one.</summary>
    public BiLstmCrfTrainingReport? Training { get; }
    /// <summary>The lexicons whose matches are a token feature; null when trained without.</summary>
    public LexiconSet? Lexicons { get; }
    public long ParameterCount => Network.parameters().Sum(p => p.numel());

    internal BiLstmCrfVocabulary Vocabulary { get; }
    internal BiLstmCrfNetwork Network { get; }
    internal Device Device { get; }

    /// <summary>The component files (name → bytes) for a model package.</summary>
    public IReadOnlyDictionary<string, byte[]> ToFiles()
    {
        using var weights = new MemoryStream();
        Network.save(weights);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [OptionsFile] = Encoding.UTF8.GetBytes(Options.ToJson()),
            [VocabularyFile] = Vocabulary.ToJson(),
            [WeightsFile] = weights.ToArray(),
        };
        if (Lexicons is not null) files[LexiconFile] = Lexicons.ToJson();
        return files;
    }

    /// <summary>Rebuilds a model from its component files.</summary>
    /// <param name="device">Where to run it: "cpu" (default) or "cuda"; the device it was trained on does not matter.</param>
    /// <param name="location">Named in errors, e.g. "model.zip!components/ner".</param>
    /// <param name="threads">
    /// libtorch intra-op threads (process-wide). 1 by default: parallelism comes from labeling several
    /// documents at once, which scales; intra-op threads on these small matrices mostly wait for each other.
    /// </param>
    public static BiLstmCrfModel FromFiles(IReadOnlyDictionary<string, byte[]> files, string device = "cpu", string location = Kind, int threads = 1)
    {
        torch.set_num_threads(Math.Max(1, threads));
        byte[] File(string name) => files.TryGetValue(name, out var data)
            ? data
            : throw new TextMiningException(ErrorCodes.PackageMalformed, $"BiLSTM-CRF file '{name}' is missing", location);
        var options = BiLstmCrfOptions.FromJson(Encoding.UTF8.GetString(File(OptionsFile)), $"{location}/{OptionsFile}");
        var vocabulary = BiLstmCrfVocabulary.FromJson(File(VocabularyFile), $"{location}/{VocabularyFile}");
        var lexicons = files.TryGetValue(LexiconFile, out var lexBytes) ? LexiconSet.FromJson(lexBytes, $"{location}/{LexiconFile}") : null;
        if (lexicons is null && options.LexiconFolder is not null)
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"the model was trained with lexicons ({options.LexiconFolder}) but '{LexiconFile}' is missing", location);
        if (lexicons is { Count: 0 })
            throw new TextMiningException(ErrorCodes.PackageMalformed, "the lexicon file holds no lexicon", $"{location}/{LexiconFile}");
        var torchDevice = TorchDevices.Resolve(device);
        var network = new BiLstmCrfNetwork(vocabulary.Words.Count, vocabulary.Chars.Count, vocabulary.Tags, options, lexicons?.Count ?? 0);
        try
        {
            using var weights = new MemoryStream(File(WeightsFile));
            network.load(weights, strict: true);
        }
        catch (Exception ex) when (ex is not TextMiningException)
        {
            network.Dispose();
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"BiLSTM-CRF weights do not match its options and vocabulary: {ex.Message}", $"{location}/{WeightsFile}", ex);
        }
        network.to(torchDevice);
        return new BiLstmCrfModel(options with { Device = device }, vocabulary, network, torchDevice, training: null, lexicons);
    }

    public BiLstmCrfRecognizer CreateRecognizer() => new(this);

    /// <summary>Finds entities in many documents at once (sentences of all of them share batches: fastest for evaluation and bulk labeling).</summary>
    public IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents)
    {
        var pieces = new List<(int Doc, EncodedSentence Sentence)>();
        for (var d = 0; d < documents.Count; d++)
            foreach (var (first, count) in SentencePieces.Split(documents[d].Tokens, null, Options.MaxSentenceTokens))
                pieces.Add((d, Encode(documents[d].Tokens, first, count, null)));
        var tags = Predict(pieces.Select(p => p.Sentence).ToArray());
        var results = new List<Entity>[documents.Count];
        for (var d = 0; d < documents.Count; d++) results[d] = new List<Entity>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (d, sentence) = pieces[i];
            var tokens = documents[d].Tokens.Tokens;
            var slice = new Token[sentence.Length];
            for (var j = 0; j < slice.Length; j++) slice[j] = tokens[sentence.FirstToken + j];
            var names = tags[i].Select(t => Vocabulary.Tags[t]).ToArray();
            foreach (var span in TagCodec.Decode(slice, names, TagScheme.Bilou))
                results[d].Add(new Entity($"T{results[d].Count + 1}", span.Span, span.Label, Source: AnnotationSource.Predicted));
        }
        return results;
    }

    internal EncodedSentence Encode(TokenizedText text, int first, int count, string[]? tags)
    {
        var words = new int[count];
        var casing = new int[count];
        var chars = new int[count][];
        for (var i = 0; i < count; i++)
        {
            var token = text.Tokens[first + i].Text;
            words[i] = Vocabulary.WordId(WordFeatures.Normalize(token));
            casing[i] = WordFeatures.Casing(token);
            chars[i] = EncodeChars(token);
        }
        int[]? tagIds = null;
        if (tags is not null)
        {
            var piece = SentencePieces.Slice(tags, first, count);
            tagIds = new int[count];
            for (var i = 0; i < count; i++)
            {
                var id = IndexOf(Vocabulary.Tags, piece[i]);
                tagIds[i] = id < 0 ? 0 : id;
            }
        }
        return new EncodedSentence(first, words, casing, chars, tagIds, Lexicons is null ? null : MatchLexicons(text, first, count));
    }

    /// <summary>Lexicon ids per token and lexicon (layout in <see cref="EncodedSentence"/>), from the token-window's matcher.</summary>
    private int[] MatchLexicons(TokenizedText text, int first, int count)
    {
        var lexicons = Lexicons!;
        var l = lexicons.Count;
        var lower = new ulong[count];
        var exact = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var token = text.Tokens[first + i].Text;
            lower[i] = LexiconSet.LowerHash(token);
            exact[i] = FeatureHash.Of(token);
        }
        var positions = new byte[l * count];
        lexicons.Match(lower, exact, positions); // positions[lexicon * n + t]: 0 none, 1 B, 2 I, 3 L, 4 U
        var ids = new int[count * l];
        for (var x = 0; x < l; x++)
            for (var t = 0; t < count; t++)
                if (positions[x * count + t] is var p and > 0) ids[t * l + x] = 1 + 4 * x + (p - 1);
        return ids;
    }

    /// <summary>Best valid tag sequence per sentence. Thread-safe: no module state changes, gradients off on this thread.</summary>
    internal int[][] Predict(IReadOnlyList<EncodedSentence> sentences)
    {
        var result = new int[sentences.Count][];
        if (sentences.Count == 0) return result;
        // Similar lengths share a batch: less padding, and packing makes the result independent of batch-mates.
        var order = Enumerable.Range(0, sentences.Count).OrderByDescending(i => sentences[i].Length).ToArray();
        using var noGrad = torch.no_grad();
        for (var start = 0; start < order.Length;)
        {
            // Sorted longest first: the first sentence of a batch sets its padded length.
            var longest = Math.Max(1, sentences[order[start]].Length);
            var size = Math.Clamp(PredictBatchTokens / longest, 1, PredictBatchSentences);
            var ids = order.AsSpan(start, Math.Min(size, order.Length - start)).ToArray();
            start += ids.Length;
            using var scope = torch.NewDisposeScope();
            var batch = SentenceBatch.Build(ids.Select(i => sentences[i]).ToArray(), Device, withTags: false);
            var emissions = Network.Emissions(batch, dropout: null).cpu();
            var k = (int)emissions.shape[2];
            var t = (int)emissions.shape[1];
            var values = emissions.data<float>().ToArray();
            for (var b = 0; b < ids.Length; b++)
                result[ids[b]] = ConstrainedViterbi.Decode(values, b * t * k, sentences[ids[b]].Length, _crf);
        }
        return result;
    }

    /// <summary>Refreshes the cached CRF scores after the trainer changed the weights.</summary>
    internal void RefreshCrf() => _crf = Network.CrfWeights();

    public void Dispose() => Network.Dispose();

    private int[] EncodeChars(string token)
    {
        var max = Options.MaxTokenChars;
        var ids = new int[Math.Min(token.Length, max)];
        if (token.Length <= max)
        {
            for (var i = 0; i < token.Length; i++) ids[i] = Vocabulary.CharId(token[i]);
        }
        else
        {
            // Prefix and suffix carry the signal (chemical stems and endings); the middle of a long name is dropped.
            var head = max / 2;
            for (var i = 0; i < head; i++) ids[i] = Vocabulary.CharId(token[i]);
            for (var i = head; i < max; i++) ids[i] = Vocabulary.CharId(token[token.Length - (max - i)]);
        }
        return ids;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
