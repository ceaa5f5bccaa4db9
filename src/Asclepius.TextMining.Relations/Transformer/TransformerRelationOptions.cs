using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Everything that shapes a transformer relation model, its candidates, its decisions and its fine-tuning. Saved with
/// the model (options.json); the encoder's shape is saved beside it (encoder.json).
/// </summary>
public sealed record TransformerRelationOptions
{
    /// <summary>Where the encoder came from: "minilm" (the offline default), a Hugging Face folder, or "random". Provenance only once trained.</summary>
    public string Encoder { get; init; } = "minilm";
    /// <summary>0: pairs in one sentence; 1: also adjacent sentences (the text shown spans the sentences of both mentions).</summary>
    public int SentenceWindow { get; init; } = 0;
    /// <summary>Document-level relations (BC5CDR CID) aggregated per concept pair; null: decided from the training data.</summary>
    public bool? DocumentLevel { get; init; }
    /// <summary>Document-level aggregation rule: max, noisy-or or mean-top-k (see <see cref="DocumentAggregation"/>).</summary>
    public string Aggregation { get; init; } = DocumentAggregation.Max;
    public int TopK { get; init; } = 2;
    /// <summary>A relation is emitted when its probability is at least this (and beats NONE); tuned on dev when one is given.</summary>
    public float Threshold { get; init; } = 0.5f;
    public int Epochs { get; init; } = 3;
    /// <summary>Epochs without a better dev F1 before training stops.</summary>
    public int Patience { get; init; } = 2;
    /// <summary>Stop after the epoch that crosses this wall-clock budget (null: no budget).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Candidate pairs per optimizer step.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Peak learning rate of the encoder's weights (linear warm-up, then linear decay to 0).</summary>
    public double LearningRate { get; init; } = 5e-5;
    /// <summary>Peak learning rate of the new classifier on top.</summary>
    public double HeadLearningRate { get; init; } = 1e-3;
    public double WarmupFraction { get; init; } = 0.1;
    /// <summary>AdamW's decoupled weight decay on the encoder's weights.</summary>
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Dropout on the pair vector before the classifier.</summary>
    public double Dropout { get; init; } = 0.1;
    public double GradientClip { get; init; } = 1.0;
    /// <summary>
    /// Word pieces shown per pair, markers included, [CLS]/[SEP] not; longer contexts keep the text around each mention.
    /// Capped by the encoder's positions when training starts (the cap is what options.json then holds).
    /// </summary>
    public int MaxPieces { get; init; } = 256;
    public WeightStorage WeightStorage { get; init; } = WeightStorage.Float16;
    public int Seed { get; init; } = 42;
    /// <summary>libtorch intra-op threads while training (results depend on the seed and this number).</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
    /// <summary>"cpu" or "cuda" (or "cuda:N").</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>These options with the document-level decisions of the pair classifier (same-sentence mention pairs, max), chosen on BC5CDR dev.</summary>
    public TransformerRelationOptions ForDocumentLevel() => this with { SentenceWindow = 0, Aggregation = DocumentAggregation.Max };

    public RelationDecision Decision(bool documentLevel) => new(documentLevel, Threshold, Aggregation, TopK);

    /// <summary>Refuses values that cannot train, naming the option (ATM401).</summary>
    public void Validate(int maxPositions)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"invalid transformer relation option: {what}");
        }
        Require(SentenceWindow >= 0, $"sentence window must be >= 0 (got {SentenceWindow}): the text of a whole document does not fit the encoder");
        Require(Epochs >= 1, $"epochs must be >= 1 (got {Epochs})");
        Require(Patience >= 1, $"patience must be >= 1 (got {Patience})");
        Require(BatchSize >= 1, $"batch size must be >= 1 (got {BatchSize})");
        Require(LearningRate > 0 && HeadLearningRate > 0, "learning rates must be > 0");
        Require(WarmupFraction is >= 0 and < 1, $"warm-up fraction must be in [0, 1) (got {WarmupFraction})");
        Require(WeightDecay >= 0, $"weight decay must be >= 0 (got {WeightDecay})");
        Require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})");
        Require(GradientClip > 0, $"gradient clip must be > 0 (got {GradientClip})");
        Require(Threshold is >= 0 and <= 1, $"threshold must be in [0, 1] (got {Threshold})");
        Require(MaxPieces >= 8, $"max pieces must be >= 8 (got {MaxPieces})");
        Require(maxPositions - 2 >= 8, $"the encoder has {maxPositions} positions; pairs need at least 10");
        Require(Threads >= 1, $"threads must be >= 1 (got {Threads})");
        DocumentAggregation.Validate(Aggregation, TopK);
        TorchDevices.CheckName(Device);
    }

    public string ToJson() => OptionsJson.Write(this);

    /// <summary>Reads options.json; missing keys keep their defaults, unknown keys are errors.</summary>
    public static TransformerRelationOptions FromJson(string json, string location) => OptionsJson.Read<TransformerRelationOptions>(json, location, "transformer relation");
}
