using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Everything that shapes a transformer NER model and its fine-tuning. Saved with the model (options.json); the
/// encoder's shape is saved beside it (encoder.json), so these options never need the encoder source again.
/// </summary>
public sealed record TransformerNerOptions
{
    /// <summary>Where the encoder came from: "minilm" (the offline default), a Hugging Face folder, or "random". Provenance only once trained.</summary>
    public string Encoder { get; init; } = "minilm";
    public int Epochs { get; init; } = 3;
    /// <summary>Epochs without a better dev F1 before training stops.</summary>
    public int Patience { get; init; } = 2;
    /// <summary>Stop after the epoch that crosses this wall-clock budget (null: no budget).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Windows per optimizer step.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Peak learning rate of the encoder's weights (linear warm-up, then linear decay to 0).</summary>
    public double LearningRate { get; init; } = 5e-5;
    /// <summary>Peak learning rate of the classifier and CRF on top (new weights learn faster than pretrained ones).</summary>
    public double HeadLearningRate { get; init; } = 1e-3;
    /// <summary>Share of all steps spent warming the learning rates up from 0.</summary>
    public double WarmupFraction { get; init; } = 0.1;
    /// <summary>AdamW's decoupled weight decay on the encoder's weights.</summary>
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Dropout on the token vectors before the classifier.</summary>
    public double Dropout { get; init; } = 0.1;
    public double GradientClip { get; init; } = 1.0;
    /// <summary>Word pieces per window, [CLS] and [SEP] not counted; at most the encoder's positions − 2.</summary>
    public int WindowPieces { get; init; } = 254;
    /// <summary>Word pieces two consecutive windows share, so every token is labeled with context on both sides.</summary>
    public int WindowOverlap { get; init; } = 64;
    /// <summary>Pieces kept per token (its first piece is the one labeled; the rest are context).</summary>
    public int MaxPiecesPerToken { get; init; } = 16;
    public WeightStorage WeightStorage { get; init; } = WeightStorage.Float16;
    /// <summary>
    /// Folder of lexicon .tsv files (data/lexicons layout) whose longest-match positions become a token feature beside
    /// the encoder's vector; null: none. Provenance only: the model carries the phrases (lexicons.json).
    /// </summary>
    public string? LexiconFolder { get; init; }
    /// <summary>Embedding size of one lexicon's BILOU match position (one such vector per lexicon, concatenated; as the BiLSTM-CRF's).</summary>
    public int LexiconDim { get; init; } = 8;
    public int Seed { get; init; } = 42;
    /// <summary>libtorch intra-op threads while training (results depend on the seed and this number).</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
    /// <summary>"cpu" or "cuda" (or "cuda:N").</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Refuses values that cannot train, naming the option.</summary>
    public void Validate(int maxPositions)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"invalid transformer option: {what}");
        }
        Require(Epochs >= 1, $"epochs must be >= 1 (got {Epochs})");
        Require(Patience >= 1, $"patience must be >= 1 (got {Patience})");
        Require(BatchSize >= 1, $"batch size must be >= 1 (got {BatchSize})");
        Require(LearningRate > 0 && HeadLearningRate > 0, "learning rates must be > 0");
        Require(WarmupFraction is >= 0 and < 1, $"warm-up fraction must be in [0, 1) (got {WarmupFraction})");
        Require(WeightDecay >= 0, $"weight decay must be >= 0 (got {WeightDecay})");
        Require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})");
        Require(GradientClip > 0, $"gradient clip must be > 0 (got {GradientClip})");
        Require(WindowPieces >= 2 && WindowPieces <= maxPositions - 2, $"window pieces must be in [2, {maxPositions - 2}] for this encoder (got {WindowPieces})");
        Require(WindowOverlap >= 0 && WindowOverlap <= WindowPieces / 2, $"window overlap must be in [0, window pieces / 2] (got {WindowOverlap})");
        Require(MaxPiecesPerToken >= 1 && MaxPiecesPerToken <= WindowPieces, $"max pieces per token must be in [1, window pieces] (got {MaxPiecesPerToken})");
        Require(Threads >= 1, $"threads must be >= 1 (got {Threads})");
        Require(LexiconDim >= 1, $"lexicon dim must be >= 1 (got {LexiconDim})");
        TorchDevices.CheckName(Device);
    }

    public string ToJson() => OptionsJson.Write(this);

    /// <summary>Reads options.json; missing keys keep their defaults, unknown keys are errors.</summary>
    public static TransformerNerOptions FromJson(string json, string location) => OptionsJson.Read<TransformerNerOptions>(json, location, "transformer");
}
