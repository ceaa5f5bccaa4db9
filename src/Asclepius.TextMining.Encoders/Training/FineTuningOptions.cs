using System.Text.Json.Serialization;
using Asclepius.TextMining.Encoders.Bert;
using TorchSharp.Modules;

namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// The fine-tuning options every transformer backend (NER, relations) shares: where the pretrained encoder came from,
/// <see cref="FineTuningOptimizer"/>'s rates and schedule, dropout before the new head, and how the weights are stored.
/// </summary>
public abstract record FineTuningOptions : EpochTrainingOptions, IJsonOnDeserializing
{
    private double? _encoderDropout;

    protected FineTuningOptions() : base(epochs: 3, patience: 2)
    {
    }

    /// <summary>Where the encoder came from: "minilm" (the offline default), a Hugging Face folder, or "random". Provenance only once trained.</summary>
    [JsonPropertyOrder(SourceOrder)] public string Encoder { get; init; } = "minilm";
    /// <summary>Peak learning rate of the encoder's weights (linear warm-up, then linear decay to 0).</summary>
    [JsonPropertyOrder(OptimizerOrder)] public double LearningRate { get; init; } = 5e-5;
    /// <summary>Peak learning rate of the new layers on top (new weights learn faster than pretrained ones).</summary>
    [JsonPropertyOrder(OptimizerOrder)] public double HeadLearningRate { get; init; } = 1e-3;
    /// <summary>Share of all steps spent warming the learning rates up from 0.</summary>
    [JsonPropertyOrder(OptimizerOrder)] public double WarmupFraction { get; init; } = 0.1;
    /// <summary>AdamW's decoupled weight decay on the encoder's weights.</summary>
    [JsonPropertyOrder(OptimizerOrder)] public double WeightDecay { get; init; } = 0.01;
    /// <summary>Dropout on the vectors the new head reads (a token's, a pair's).</summary>
    [JsonPropertyOrder(OptimizerOrder)] public double Dropout { get; init; } = 0.1;
    /// <summary>
    /// Dropout inside the encoder while fine-tuning (<see cref="EncoderDropoutRates"/>): null (the default) takes the
    /// encoder's own rates from its config (hidden_dropout_prob, attention_probs_dropout_prob; MiniLM 0.1 and 0.1), as
    /// BERT fine-tuning does; a number is both rates; 0 turns it off. options.json written before this option existed
    /// lacks the key and reads as 0, which is how those models were trained (it never matters for labeling).
    /// </summary>
    [JsonPropertyOrder(OptimizerOrder)]
    public double? EncoderDropout { get => _encoderDropout; init => _encoderDropout = value; }
    [JsonPropertyOrder(OptimizerOrder)] public double GradientClip { get; init; } = 1.0;
    [JsonPropertyOrder(StorageOrder)] public WeightStorage WeightStorage { get; init; } = WeightStorage.Float16;

    /// <summary>Refuses a schedule or optimizer setting that cannot train, through the backend's <paramref name="require"/>.</summary>
    protected void ValidateFineTuning(Action<bool, string> require)
    {
        ValidateSchedule(require);
        require(LearningRate > 0 && HeadLearningRate > 0, "learning rates must be > 0");
        require(WarmupFraction is >= 0 and < 1, $"warm-up fraction must be in [0, 1) (got {WarmupFraction})");
        require(WeightDecay >= 0, $"weight decay must be >= 0 (got {WeightDecay})");
        require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})");
        require(EncoderDropout is null or (>= 0 and < 1), $"encoder dropout must be in [0, 1) (got {EncoderDropout})");
        require(GradientClip > 0, $"gradient clip must be > 0 (got {GradientClip})");
    }

    /// <summary>The dropout rates inside an encoder of shape <paramref name="config"/> while fine-tuning.</summary>
    public EncoderDropoutRates EncoderDropoutFor(BertConfig config) =>
        EncoderDropout is { } rate ? new EncoderDropoutRates(rate, rate) : EncoderDropoutRates.Of(config);

    /// <summary>A key missing from options.json means what it meant before the key existed: no dropout inside the encoder.</summary>
    void IJsonOnDeserializing.OnDeserializing() => _encoderDropout = 0;

    /// <summary>The optimizer for <see cref="EpochTrainingOptions.Epochs"/> epochs of <paramref name="batchesPerEpoch"/> steps.</summary>
    public FineTuningOptimizer Optimizer(Parameter[] encoder, Parameter[] head, int batchesPerEpoch) =>
        new(encoder, head, LearningRate, HeadLearningRate, WeightDecay, GradientClip, batchesPerEpoch * Epochs, WarmupFraction);
}
