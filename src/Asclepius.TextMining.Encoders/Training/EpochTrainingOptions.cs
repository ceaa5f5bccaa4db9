using System.Text.Json.Serialization;
using Asclepius.TextMining.Encoders.Torch;

namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// The options every epoch-trained TorchSharp backend has (BiLSTM-CRF, the transformer NER and relation trainers): the
/// schedule <see cref="EpochLoop{T}"/> runs (epochs, patience, time limit, batch size, seed) and where it runs.
/// </summary>
/// <remarks>
/// options.json stays one flat object with the keys in the order each backend wrote before these options were shared
/// (a retrained package is byte-identical): the <c>…Order</c> bands below place the shared keys around a backend's own
/// keys, which keep order 0 (declaration order) unless they say otherwise.
/// </remarks>
public abstract record EpochTrainingOptions
{
    /// <summary>The encoder's source (fine-tuning).</summary>
    public const int SourceOrder = -4;
    /// <summary>A backend's options that come before the schedule (a relation model's candidates and decisions).</summary>
    public const int TaskOrder = -3;
    public const int ScheduleOrder = -2;
    /// <summary>Fine-tuning's optimizer options; a backend's own options (order 0) follow them.</summary>
    public const int OptimizerOrder = -1;
    /// <summary>Fine-tuning's weight storage.</summary>
    public const int StorageOrder = 1;
    /// <summary>A backend's options that come after the weight storage (the transformer NER's lexicon feature).</summary>
    public const int FeatureOrder = 2;
    public const int RunOrder = 3;

    protected EpochTrainingOptions(int epochs, int patience)
    {
        Epochs = epochs;
        Patience = patience;
    }

    /// <summary>Upper bound on passes over the training examples; early stopping may end sooner.</summary>
    [JsonPropertyOrder(ScheduleOrder)] public int Epochs { get; init; }
    /// <summary>Epochs without a better dev F1 before training stops.</summary>
    [JsonPropertyOrder(ScheduleOrder)] public int Patience { get; init; }
    /// <summary>Wall-clock budget: training stops before an epoch that would end past it, judged by the mean epoch so far (null: no budget).</summary>
    [JsonPropertyOrder(ScheduleOrder)] public TimeSpan? TimeLimit { get; init; }
    /// <summary>Training examples (sentences, windows, candidate pairs) per optimizer step.</summary>
    [JsonPropertyOrder(ScheduleOrder)] public int BatchSize { get; init; } = 16;
    [JsonPropertyOrder(RunOrder)] public int Seed { get; init; } = 42;
    /// <summary>Training threads (results depend on the seed and this number; how a backend uses them is its own).</summary>
    [JsonPropertyOrder(RunOrder)] public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
    /// <summary>"cpu" or "cuda" (or "cuda:N").</summary>
    [JsonPropertyOrder(RunOrder)] public string Device { get; init; } = "cpu";

    /// <summary>Refuses a schedule that cannot train, through the backend's <paramref name="require"/> (which names the backend).</summary>
    protected void ValidateSchedule(Action<bool, string> require)
    {
        require(Epochs >= 1, $"epochs must be >= 1 (got {Epochs})");
        require(Patience >= 1, $"patience must be >= 1 (got {Patience})");
        require(BatchSize >= 1, $"batch size must be >= 1 (got {BatchSize})");
        require(Threads >= 1, $"threads must be >= 1 (got {Threads})");
        TorchDevices.CheckName(Device);
    }
}
