using Asclepius.TextMining.Ner.Decoding;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>What fine-tuning saw and did, beyond what every epoch-trained backend reports: windows and word pieces.</summary>
public sealed record TransformerNerTrainingReport : NerTrainingReport
{
    public int TrainWindows { get; init; }
    public int TrainPieces { get; init; }
    /// <summary>Entities the tag codec could not encode (misaligned, overlapping, empty): left untagged.</summary>
    public int TrainNotEncoded { get; init; }
    /// <summary>Dev F1 without and with propagation in the document, when the trainer chose it (null: given in the options, or no dev).</summary>
    public PropagationChoice? Propagation { get; init; }
}
