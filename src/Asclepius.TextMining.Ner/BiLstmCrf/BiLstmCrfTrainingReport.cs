using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>What BiLSTM-CRF training saw and did, beyond what every epoch-trained backend reports: sentences, alignment problems by kind, vocabulary.</summary>
public sealed record BiLstmCrfTrainingReport : NerTrainingReport
{
    public int TrainSentences { get; init; }
    /// <summary>Entities whose boundaries fall inside a token: left untagged.</summary>
    public int TrainMisaligned { get; init; }
    /// <summary>Entities dropped because a longer one overlaps them.</summary>
    public int TrainOverlapping { get; init; }
    public int TrainEmpty { get; init; }
    public int DevSentences { get; init; }
    public int DevTokens { get; init; }
    /// <summary>Dev entities no token sequence can express (they bound the reachable recall).</summary>
    public int DevUnreachable { get; init; }
    public int Vocabulary { get; init; }
    public int PretrainedWordsUsed { get; init; }
}
