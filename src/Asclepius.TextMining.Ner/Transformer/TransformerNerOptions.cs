using System.Text.Json.Serialization;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Everything that shapes a transformer NER model and its fine-tuning (the shared part: <see cref="FineTuningOptions"/>).
/// Saved with the model (options.json); the encoder's shape is saved beside it (encoder.json), so these options never
/// need the encoder source again.
/// </summary>
public sealed record TransformerNerOptions : FineTuningOptions
{
    /// <summary>Word pieces per window, [CLS] and [SEP] not counted; at most the encoder's positions − 2.</summary>
    public int WindowPieces { get; init; } = 254;
    /// <summary>Word pieces two consecutive windows share, so every token is labeled with context on both sides.</summary>
    public int WindowOverlap { get; init; } = 64;
    /// <summary>Pieces kept per token (its first piece is the one labeled; the rest are context).</summary>
    public int MaxPiecesPerToken { get; init; } = 16;
    /// <summary>
    /// Folder of lexicon .tsv files (data/lexicons layout) whose longest-match positions become a token feature beside
    /// the encoder's vector; null: none. Provenance only: the model carries the phrases (lexicons.json).
    /// </summary>
    [JsonPropertyOrder(FeatureOrder)] public string? LexiconFolder { get; init; }
    /// <summary>Embedding size of one lexicon's BILOU match position (one such vector per lexicon, concatenated; as the BiLSTM-CRF's).</summary>
    [JsonPropertyOrder(FeatureOrder)] public int LexiconDim { get; init; } = 8;
    /// <summary>
    /// Decoding: mark the other occurrences of a predicted mention in the same document (one sense per document, the
    /// token-window's <see cref="Decoding.DocumentConsistency"/>). Null when training: chosen on dev after the last epoch
    /// with <see cref="PropagationMinShare"/> (off without dev documents), and the trained model stores the choice.
    /// options.json written before this option existed lacks the key and reads as null, which labels as off, as those
    /// models were scored; a null is not written, so such a file is written back as it was.
    /// </summary>
    [JsonPropertyOrder(FeatureOrder), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PropagateInDocument { get; init; }
    /// <summary>
    /// With propagation: only surfaces the model tagged in at least this share of their occurrences in the document are
    /// spread (0: all). Null when training: chosen on dev among <see cref="Decoding.PropagationChoice.MinShares"/>; null
    /// in a trained model (not written) labels as 0.
    /// </summary>
    [JsonPropertyOrder(FeatureOrder), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PropagationMinShare { get; init; }

    /// <summary>Refuses values that cannot train, naming the option.</summary>
    public void Validate(int maxPositions)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"invalid transformer option: {what}");
        }
        ValidateFineTuning(Require);
        Require(WindowPieces >= 2 && WindowPieces <= maxPositions - 2, $"window pieces must be in [2, {maxPositions - 2}] for this encoder (got {WindowPieces})");
        Require(WindowOverlap >= 0 && WindowOverlap <= WindowPieces / 2, $"window overlap must be in [0, window pieces / 2] (got {WindowOverlap})");
        Require(MaxPiecesPerToken >= 1 && MaxPiecesPerToken <= WindowPieces, $"max pieces per token must be in [1, window pieces] (got {MaxPiecesPerToken})");
        Require(LexiconDim >= 1, $"lexicon dim must be >= 1 (got {LexiconDim})");
        Require(PropagationMinShare is null or (>= 0 and <= 1), $"propagation min share must be in [0, 1] (got {PropagationMinShare})");
    }

    public string ToJson() => OptionsJson.Write(this);

    /// <summary>Reads options.json; missing keys keep their defaults, unknown keys are errors.</summary>
    public static TransformerNerOptions FromJson(string json, string location) => OptionsJson.Read<TransformerNerOptions>(json, location, "transformer");
}
