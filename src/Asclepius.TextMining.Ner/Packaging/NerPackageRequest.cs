using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Packaging;

/// <summary>
/// What goes into an NER model package besides the component itself. <see cref="Schema"/> null: inferred
/// from the training labels. Paths are recorded (with file hashes) in training/data.json when given;
/// <see cref="Options"/> is the backend's full option set, seeds included (training/options.json).
/// </summary>
public sealed record NerPackageRequest
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }
    public required JsonNode Options { get; init; }
    public required NerTrainingSet Train { get; init; }
    public NerTrainingSet? Dev { get; init; }
    public LabelSchema? Schema { get; init; }
    public string ComponentName { get; init; } = "ner";
    public string? TrainPath { get; init; }
    public string? DevPath { get; init; }
    public string? Format { get; init; }
    public EvaluationResult? DevScores { get; init; }
    public EvaluationResult? TestScores { get; init; }
    /// <summary>Extra facts for metrics.json (best iteration, training seconds, ...).</summary>
    public JsonObject? TrainingSummary { get; init; }
    /// <summary>Library versions that produced the weights ("Microsoft.ML" → "5.0.1").</summary>
    public IReadOnlyDictionary<string, string>? Producers { get; init; }
    /// <summary>
    /// Add the section and assertion rule components (Sections.Rules.v1, Context.Rules.v1, shipped rules)
    /// after the recognizer, as every package the CLI writes carries them.
    /// </summary>
    public bool WithClinicalContext { get; init; }
    /// <summary>Fixed creation time (tests); null: now.</summary>
    public DateTimeOffset? Created { get; init; }
}
