using System.Collections;
using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Tokenization;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Checkpoints;

/// <summary>
/// A BERT checkpoint as Hugging Face saves it, in a folder a site already has (BiomedBERT, PubMedBERT, BioBERT, ...):
/// config.json, vocab.txt, and the weights as model.safetensors or pytorch_model.bin (read by TorchSharp.PyBridge; no
/// Python). Names may carry the "bert." prefix of BertForPreTraining / BertForMaskedLM checkpoints and the old
/// LayerNorm "gamma"/"beta"; heads the encoder does not have (pooler, cls.*) are ignored. Weights in float16 or
/// bfloat16 are widened to float32. Tokenization is uncased WordPiece: a cased checkpoint (config "do_lower_case"
/// false in tokenizer_config.json) is refused rather than silently lower-cased.
/// </summary>
public sealed class HuggingFaceBertFolder : EncoderSource
{
    public const string ConfigFile = "config.json";
    public const string VocabularyFile = "vocab.txt";
    public const string SafetensorsFile = "model.safetensors";
    public const string PytorchFile = "pytorch_model.bin";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    private readonly string _folder;

    private HuggingFaceBertFolder(string folder, BertConfig config, IReadOnlyList<string> vocabulary)
    {
        _folder = folder;
        Config = config;
        Vocabulary = vocabulary;
    }

    public override string Name => _folder;
    public override BertConfig Config { get; }
    public override IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Reads config.json and vocab.txt and checks that a weights file is there; <see cref="InvalidDataException"/> names what is wrong.</summary>
    public static HuggingFaceBertFolder Open(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidDataException($"encoder folder '{folder}' does not exist");
        string PathOf(string name) => Path.Combine(folder, name);
        if (!File.Exists(PathOf(ConfigFile))) throw new InvalidDataException($"'{folder}' has no {ConfigFile} (a Hugging Face BERT folder has {ConfigFile}, {VocabularyFile} and {SafetensorsFile} or {PytorchFile})");
        if (!File.Exists(PathOf(VocabularyFile))) throw new InvalidDataException($"'{folder}' has no {VocabularyFile}: only WordPiece (BERT) tokenizers are supported");
        if (!File.Exists(PathOf(SafetensorsFile)) && !File.Exists(PathOf(PytorchFile)))
            throw new InvalidDataException($"'{folder}' has neither {SafetensorsFile} nor {PytorchFile}");
        if (File.Exists(PathOf(TokenizerConfigFile)) && File.ReadAllText(PathOf(TokenizerConfigFile)).Replace(" ", "", StringComparison.Ordinal).Contains("\"do_lower_case\":false", StringComparison.Ordinal))
            throw new InvalidDataException($"'{folder}' is a cased checkpoint ({TokenizerConfigFile}: do_lower_case false); only uncased WordPiece is supported so far");
        var config = BertConfigJson.Read(File.ReadAllText(PathOf(ConfigFile)), PathOf(ConfigFile));
        using var vocab = File.OpenRead(PathOf(VocabularyFile));
        var vocabulary = WordPieceTokenizer.Load(vocab).Vocabulary;
        if (vocabulary.Count != config.VocabularySize)
            throw new InvalidDataException($"{PathOf(VocabularyFile)} has {vocabulary.Count} pieces, {ConfigFile} says vocab_size {config.VocabularySize}");
        return new HuggingFaceBertFolder(folder, config, vocabulary);
    }

    public override BertEncoder Create(Generator generator)
    {
        var encoder = new BertEncoder(Config);
        var weights = ReadWeights();
        try
        {
            OnnxBertWeights.Load(encoder, weights);
        }
        finally
        {
            foreach (var w in weights.Values) w.Dispose();
        }
        encoder.eval();
        return encoder;
    }

    /// <summary>Hugging Face name (without "bert.") → float32 tensor.</summary>
    private Dictionary<string, Tensor> ReadWeights()
    {
        var safetensors = Path.Combine(_folder, SafetensorsFile);
        IDictionary raw;
        try
        {
            raw = File.Exists(safetensors)
                ? Safetensors.LoadStateDict(safetensors)
                : PyTorchUnpickler.UnpickleStateDict(Path.Combine(_folder, PytorchFile));
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw new InvalidDataException($"the weights in '{_folder}' could not be read: {ex.Message}", ex);
        }
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in raw)
        {
            if (entry.Key is not string name || entry.Value is not Tensor tensor) continue;
            if (!tensor.is_floating_point()) { tensor.Dispose(); continue; } // position_ids and the like
            if (name.StartsWith("bert.", StringComparison.Ordinal)) name = name["bert.".Length..];
            if (name.EndsWith(".gamma", StringComparison.Ordinal)) name = name[..^".gamma".Length] + ".weight";
            else if (name.EndsWith(".beta", StringComparison.Ordinal)) name = name[..^".beta".Length] + ".bias";
            weights[name] = tensor.dtype == ScalarType.Float32 ? tensor : Widen(tensor);
        }
        return weights;
    }

    private static Tensor Widen(Tensor tensor)
    {
        var wide = tensor.to_type(ScalarType.Float32);
        tensor.Dispose();
        return wide;
    }
}
