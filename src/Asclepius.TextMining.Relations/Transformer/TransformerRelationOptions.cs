using System.Text.Json.Serialization;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Everything that shapes a transformer relation model, its candidates, its decisions and its fine-tuning (the shared
/// part: <see cref="FineTuningOptions"/>). Saved with the model (options.json); the encoder's shape is saved beside it
/// (encoder.json).
/// </summary>
public sealed record TransformerRelationOptions : FineTuningOptions
{
    /// <summary>0: pairs in one sentence; 1: also adjacent sentences (the text shown spans the sentences of both mentions).</summary>
    [JsonPropertyOrder(TaskOrder)] public int SentenceWindow { get; init; } = 0;
    /// <summary>Document-level relations (BC5CDR CID) aggregated per concept pair; null: decided from the training data.</summary>
    [JsonPropertyOrder(TaskOrder)] public bool? DocumentLevel { get; init; }
    /// <summary>Document-level aggregation rule: max, noisy-or or mean-top-k (see <see cref="DocumentAggregation"/>).</summary>
    [JsonPropertyOrder(TaskOrder)] public string Aggregation { get; init; } = DocumentAggregation.Max;
    [JsonPropertyOrder(TaskOrder)] public int TopK { get; init; } = 2;
    /// <summary>A relation is emitted when its probability is at least this (and beats NONE); tuned on dev when one is given.</summary>
    [JsonPropertyOrder(TaskOrder)] public float Threshold { get; init; } = 0.5f;
    /// <summary>
    /// Word pieces shown per pair, markers included, [CLS]/[SEP] not; longer contexts keep the text around each mention.
    /// Capped by the encoder's positions when training starts (the cap is what options.json then holds).
    /// </summary>
    public int MaxPieces { get; init; } = 256;

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
        ValidateFineTuning(Require);
        Require(Threshold is >= 0 and <= 1, $"threshold must be in [0, 1] (got {Threshold})");
        Require(MaxPieces >= 8, $"max pieces must be >= 8 (got {MaxPieces})");
        Require(maxPositions - 2 >= 8, $"the encoder has {maxPositions} positions; pairs need at least 10");
        DocumentAggregation.Validate(Aggregation, TopK);
    }

    public string ToJson() => OptionsJson.Write(this);

    /// <summary>Reads options.json; missing keys keep their defaults, unknown keys are errors.</summary>
    public static TransformerRelationOptions FromJson(string json, string location) => OptionsJson.Read<TransformerRelationOptions>(json, location, "transformer relation");
}
