using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.TokenWindow;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// What the TorchSharp NER models share (BiLSTM-CRF, transformer): a <see cref="CrfTaggerNetwork"/> on a device, the
/// CRF scores cached for decoding on the CPU, BILOU tags turned into entities, and the checks that loading a package
/// component makes (a missing file, weights that do not fit the network). Prediction never changes a model, so one
/// instance serves many threads.
/// </summary>
public abstract class CrfTaggerModel : IDisposable
{
    /// <summary>Only when trained with lexicons: { "lexicon name": ["phrase", ...] } (<see cref="LexiconSet"/>).</summary>
    public const string LexiconFile = "lexicons.json";

    private readonly CrfTaggerNetwork _network;
    private CrfWeights _crf;

    private protected CrfTaggerModel(CrfTaggerNetwork network, Device device, LexiconSet? lexicons)
    {
        if ((lexicons?.Count ?? 0) != network.LexiconCount)
            throw new ArgumentException($"the network was built for {network.LexiconCount} lexicons, the model has {lexicons?.Count ?? 0}");
        Lexicons = lexicons is { Count: > 0 } ? lexicons : null;
        _network = network;
        Device = device;
        network.eval();
        _crf = network.CrfWeights();
    }

    /// <summary>The component kind a package lists (e.g. "Ner.BiLstmCrf.v1").</summary>
    public abstract string ComponentKind { get; }
    public abstract IReadOnlyList<string> Labels { get; }
    /// <summary>The BILOU tags, in the order of the network's outputs.</summary>
    public abstract IReadOnlyList<string> Tags { get; }
    public long ParameterCount => _network.parameters().Sum(p => p.numel());
    /// <summary>The lexicons whose matches are a token feature; null when trained without.</summary>
    public LexiconSet? Lexicons { get; }

    internal Device Device { get; }
    /// <summary>CRF scores for <see cref="ConstrainedViterbi"/>, as of the last <see cref="RefreshCrf"/>.</summary>
    internal CrfWeights Crf => _crf;

    /// <summary>Entities per document, in the order given.</summary>
    public abstract IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents);

    /// <summary>Refreshes the cached CRF scores after the trainer changed the weights.</summary>
    internal void RefreshCrf() => _crf = _network.CrfWeights();

    public void Dispose() => _network.Dispose();

    /// <summary>Tag ids of the gold tags of tokens [first, first + count), closed at both ends (<see cref="SentencePieces.Slice"/>); an unknown tag is 0 (O).</summary>
    internal int[] TagIds(string[] tags, int first, int count)
    {
        var piece = SentencePieces.Slice(tags, first, count);
        var ids = new int[count];
        for (var i = 0; i < count; i++) ids[i] = Math.Max(0, IndexOf(Tags, piece[i]));
        return ids;
    }

    /// <summary>Adds the spans of valid BILOU tag ids over <paramref name="tokens"/> as predicted entities numbered T1, T2, ...</summary>
    private protected void AddEntities(List<Entity> entities, IReadOnlyList<Token> tokens, IEnumerable<int> tagIds)
    {
        var names = tagIds.Select(t => Tags[t]).ToArray();
        foreach (var span in TagCodec.Decode(tokens, names, TagScheme.Bilou))
            entities.Add(new Entity($"T{entities.Count + 1}", span.Span, span.Label, Source: AnnotationSource.Predicted));
    }

    /// <summary>A reader of component files that refuses a missing one with a package error naming it.</summary>
    /// <param name="what">Names the backend in the error ("BiLSTM-CRF").</param>
    private protected static Func<string, byte[]> FileReader(IReadOnlyDictionary<string, byte[]> files, string what, string location) =>
        name => files.TryGetValue(name, out var data)
            ? data
            : throw new TextMiningException(ErrorCodes.PackageMalformed, $"{what} file '{name}' is missing", location);

    /// <summary>
    /// The lexicons a model was trained with (<see cref="LexiconFile"/>), or null when it has none; a package whose
    /// options name a lexicon folder but lacks the file, or whose file holds no lexicon, is refused.
    /// </summary>
    private protected static LexiconSet? ReadLexicons(IReadOnlyDictionary<string, byte[]> files, string? lexiconFolder, string location)
    {
        var lexicons = files.TryGetValue(LexiconFile, out var bytes) ? LexiconSet.FromJson(bytes, $"{location}/{LexiconFile}") : null;
        if (lexicons is null && lexiconFolder is not null)
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"the model was trained with lexicons ({lexiconFolder}) but '{LexiconFile}' is missing", location);
        if (lexicons is { Count: 0 })
            throw new TextMiningException(ErrorCodes.PackageMalformed, "the lexicon file holds no lexicon", $"{location}/{LexiconFile}");
        return lexicons;
    }

    /// <summary>
    /// Loads saved weights into <paramref name="network"/> (names and shapes must match exactly) and moves it to
    /// <paramref name="device"/>; weights that do not fit are a package error (the network is disposed).
    /// </summary>
    /// <param name="storage">How the weights were saved (<see cref="ModuleWeights"/>); null: a plain Module.save of a float32 network.</param>
    /// <param name="mismatch">The error's first words ("BiLSTM-CRF weights do not match its options and vocabulary").</param>
    private protected static void LoadWeights(CrfTaggerNetwork network, byte[] weights, WeightStorage? storage, Device device, string mismatch, string location)
    {
        try
        {
            if (storage is { } stored)
            {
                ModuleWeights.Load(network, weights, stored);
            }
            else
            {
                using var stream = new MemoryStream(weights);
                network.load(stream, strict: true);
            }
        }
        catch (Exception ex) when (ex is not TextMiningException)
        {
            network.Dispose();
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"{mismatch}: {ex.Message}", location, ex);
        }
        network.to(device);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
