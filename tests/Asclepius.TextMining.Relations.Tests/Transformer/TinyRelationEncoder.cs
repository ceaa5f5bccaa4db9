using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Relations.Tests.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;

namespace Asclepius.TextMining.Relations.Tests.Transformer;

/// <summary>
/// A tiny randomly initialized BERT (1 layer, hidden 32) over the relation fixture's words, single letters and digits
/// and eight [unusedN] marker slots: unit tests fine-tune it in seconds instead of loading the 90 MB MiniLM.
/// </summary>
internal static class TinyRelationEncoder
{
    public static IReadOnlyList<string> Vocabulary { get; } = BuildVocabulary(withMarkers: true);

    public static EncoderSource Source(IReadOnlyList<string>? vocabulary = null)
    {
        vocabulary ??= Vocabulary;
        return EncoderSource.Random(new BertConfig
        {
            VocabularySize = vocabulary.Count, HiddenSize = 32, Layers = 1, Heads = 2, IntermediateSize = 64, MaxPositions = 64,
        }, vocabulary);
    }

    /// <summary>Options that learn the fixture in a few seconds.</summary>
    public static TransformerRelationOptions Options { get; } = new()
    {
        Epochs = 8, Patience = 8, BatchSize = 8, LearningRate = 3e-3, HeadLearningRate = 1e-2, WarmupFraction = 0.05,
        Dropout = 0.1, MaxPieces = 60, Threads = 1, Seed = 3,
    };

    public static List<string> BuildVocabulary(bool withMarkers)
    {
        var words = RelationFixtures.Corpus(64).Concat(RelationFixtures.Corpus(64, offset: 3))
            .SelectMany(d => d.Text.ToLowerInvariant().Split([' ', '.', ',', '-'], StringSplitOptions.RemoveEmptyEntries))
            .Distinct().Order(StringComparer.Ordinal);
        var characters = "abcdefghijklmnopqrstuvwxyz0123456789".Select(c => c.ToString()).ToArray();
        var markers = withMarkers ? Enumerable.Range(0, 8).Select(i => $"[unused{i}]").ToArray() : [];
        return ["[PAD]", .. markers, "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "-", "(", ")", .. characters, .. characters.Select(c => "##" + c), .. words.Except(characters)];
    }
}
