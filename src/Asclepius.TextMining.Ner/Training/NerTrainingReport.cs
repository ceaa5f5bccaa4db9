using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// What every epoch-trained NER backend reports beyond <see cref="EpochTrainingReport"/>: token and entity counts, and
/// entities the tag codec could not encode (examples name document ids and offsets, never text).
/// </summary>
public abstract record NerTrainingReport : EpochTrainingReport
{
    public int TrainTokens { get; init; }
    public int TrainEntities { get; init; }
    public IReadOnlyList<string> AlignmentExamples { get; init; } = Array.Empty<string>();
    public int DevEntities { get; init; }
}
