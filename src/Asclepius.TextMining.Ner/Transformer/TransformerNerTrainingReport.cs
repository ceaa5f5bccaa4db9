namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// What fine-tuning saw and did: corpus counts (tokens, word pieces, windows), entities the tag codec could not
/// encode (examples name document ids and offsets, never text), the epoch history and which epoch was kept.
/// </summary>
public sealed record TransformerNerTrainingReport
{
    public int TrainDocuments { get; init; }
    public int TrainWindows { get; init; }
    public int TrainTokens { get; init; }
    public int TrainPieces { get; init; }
    public int TrainEntities { get; init; }
    /// <summary>Entities the tag codec could not encode (misaligned, overlapping, empty): left untagged.</summary>
    public int TrainNotEncoded { get; init; }
    public IReadOnlyList<string> AlignmentExamples { get; init; } = Array.Empty<string>();
    public int DevDocuments { get; init; }
    public int DevEntities { get; init; }
    public long Parameters { get; init; }
    public IReadOnlyList<TransformerNerEpoch> History { get; init; } = Array.Empty<TransformerNerEpoch>();
    /// <summary>The epoch whose weights the model holds (model-best; the last one without a dev set).</summary>
    public int BestEpoch { get; init; }
    public double? BestDevF1 { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>"epochs", "patience" or "time limit".</summary>
    public string StopReason { get; init; } = "";
}
