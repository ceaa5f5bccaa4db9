using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

/// <summary>
/// A tiny randomly initialized BERT (1 layer, hidden 32) over a vocabulary of the test corpus' words plus single
/// letters and digits (so any word still splits into pieces): unit tests fine-tune it in seconds instead of loading
/// the 90 MB MiniLM.
/// </summary>
internal static class TinyEncoder
{
    public static IReadOnlyList<string> Vocabulary { get; } = BuildVocabulary();

    public static EncoderSource Source(int maxPositions = 64) => EncoderSource.Random(new BertConfig
    {
        VocabularySize = Vocabulary.Count, HiddenSize = 32, Layers = 1, Heads = 2, IntermediateSize = 64, MaxPositions = maxPositions,
    }, Vocabulary);

    /// <summary>Options that learn the tiny corpus in a few seconds.</summary>
    public static TransformerNerOptions Options { get; } = new()
    {
        Epochs = 12, Patience = 12, BatchSize = 8, LearningRate = 3e-3, HeadLearningRate = 1e-2, WarmupFraction = 0.05,
        Dropout = 0.1, WindowPieces = 62, WindowOverlap = 16, Threads = 1,
    };

    private static List<string> BuildVocabulary()
    {
        var words = NerCorpus.Train().Concat(NerCorpus.Held())
            .SelectMany(d => d.Text.ToLowerInvariant().Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries))
            .Distinct().Order(StringComparer.Ordinal);
        var characters = "abcdefghijklmnopqrstuvwxyz0123456789".Select(c => c.ToString()).ToArray();
        return ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "-", "(", ")", .. characters, .. characters.Select(c => "##" + c), .. words.Except(characters)];
    }
}
