using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>What fine-tuning saw and did, beyond what every epoch-trained backend reports: windows and word pieces.</summary>
public sealed record TransformerNerTrainingReport : NerTrainingReport
{
    public int TrainWindows { get; init; }
    public int TrainPieces { get; init; }
    /// <summary>Entities the tag codec could not encode (misaligned, overlapping, empty): left untagged.</summary>
    public int TrainNotEncoded { get; init; }
}
