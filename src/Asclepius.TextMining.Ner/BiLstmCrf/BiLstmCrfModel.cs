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
public sealed class BiLstmCrfModel : CrfTaggerModel
{
    public const string Kind = "Ner.BiLstmCrf.v1";
    public const string OptionsFile = "options.json";
    public const string VocabularyFile = "vocab.json";
    public const string WeightsFile = "weights.bin";

    /// <summary>Sentences per forward pass at prediction time, at most.</summary>
    private const int PredictBatchSentences = 64;
    /// <summary>
    /// Padded tokens per forward pass, at most: the character CNN's activations grow with sentences × longest
    /// sentence × characters × filters (64 × 250 × 24 × 50 floats would be 77 MB per copy), so long sentences
    /// go in smaller batches and peak memory stays flat.
    /// </summary>
    private const int PredictBatchTokens = 1024;

    internal BiLstmCrfModel(BiLstmCrfOptions options, BiLstmCrfVocabulary vocabulary, BiLstmCrfNetwork network, Device device, BiLstmCrfTrainingReport? training, LexiconSet? lexicons = null)
        : base(network, device, lexicons)
    {
        Options = options;
        Vocabulary = vocabulary;
        Network = network;
        Training = training;
    }

    public override string ComponentKind => Kind;
    public BiLstmCrfOptions Options { get; }
    public override IReadOnlyList<string> Labels => Vocabulary.Labels;
    public override IReadOnlyList<string> Tags => Vocabulary.Tags;
    /// <summary>Set on a freshly trained model; null on a loaded one.</summary>
    public BiLstmCrfTrainingReport? Training { get; }

    internal BiLstmCrfVocabulary Vocabulary { get; }
    internal BiLstmCrfNetwork Network { get; }

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
        var File = FileReader(files, "BiLSTM-CRF", location);
        var options = BiLstmCrfOptions.FromJson(Encoding.UTF8.GetString(File(OptionsFile)), $"{location}/{OptionsFile}");
        var vocabulary = BiLstmCrfVocabulary.FromJson(File(VocabularyFile), $"{location}/{VocabularyFile}");
        var lexicons = ReadLexicons(files, options.LexiconFolder, location);
        var torchDevice = TorchDevices.Resolve(device);
        var network = new BiLstmCrfNetwork(vocabulary.Words.Count, vocabulary.Chars.Count, vocabulary.Tags, options, lexicons?.Count ?? 0);
        LoadWeights(network, File(WeightsFile), storage: null, torchDevice, "BiLSTM-CRF weights do not match its options and vocabulary", $"{location}/{WeightsFile}");
        return new BiLstmCrfModel(options with { Device = device }, vocabulary, network, torchDevice, training: null, lexicons);
    }

    public BiLstmCrfRecognizer CreateRecognizer() => new(this);

    /// <summary>Finds entities in many documents at once (sentences of all of them share batches: fastest for evaluation and bulk labeling).</summary>
    public override IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents)
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
            AddEntities(results[d], slice, tags[i]);
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
        var tagIds = tags is null ? null : TagIds(tags, first, count);
        return new EncodedSentence(first, words, casing, chars, tagIds, Lexicons?.PositionIds(text, first, count));
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
                result[ids[b]] = ConstrainedViterbi.Decode(values, b * t * k, sentences[ids[b]].Length, Crf);
        }
        return result;
    }

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
}
