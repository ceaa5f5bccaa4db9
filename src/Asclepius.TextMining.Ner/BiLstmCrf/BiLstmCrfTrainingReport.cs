namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// What training saw and did: corpus counts, entities the tag codec could not encode (by kind; examples
/// name document ids and offsets, never text), the epoch history and which epoch's weights were kept.
/// </summary>
public sealed record BiLstmCrfTrainingReport
{
    public int TrainDocuments { get; init; }
    public int TrainSentences { get; init; }
    public int TrainTokens { get; init; }
    public int TrainEntities { get; init; }
    /// <summary>Entities whose boundaries fall inside a token: left untagged.</summary>
    public int TrainMisaligned { get; init; }
    /// <summary>Entities dropped because a longer one overlaps them.</summary>
    public int TrainOverlapping { get; init; }
    public int TrainEmpty { get; init; }
    public IReadOnlyList<string> AlignmentExamples { get; init; } = Array.Empty<string>();
    public int DevDocuments { get; init; }
    public int DevSentences { get; init; }
    public int DevTokens { get; init; }
    public int DevEntities { get; init; }
    /// <summary>Dev entities no token sequence can express (they bound the reachable recall).</summary>
    public int DevUnreachable { get; init; }
    public int Vocabulary { get; init; }
    public int PretrainedWordsUsed { get; init; }
    public long Parameters { get; init; }
    public IReadOnlyList<BiLstmCrfEpoch> History { get; init; } = Array.Empty<BiLstmCrfEpoch>();
    /// <summary>The epoch whose weights the model holds (model-best; the last one without a dev set).</summary>
    public int BestEpoch { get; init; }
    public double? BestDevF1 { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>"epochs", "patience" or "time limit".</summary>
    public string StopReason { get; init; } = "";
}
