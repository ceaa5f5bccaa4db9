using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>Epoch progress as a display that shows every backend alike reads it.</summary>
public static class EpochProgressExtensions
{
    public static NerTrainingProgress ToNerTrainingProgress(this EpochProgress p) => new(
        "train", p.Epoch, p.Epochs, p.Loss, p.DevF1, p.BestDevF1, p.Elapsed, p.Remaining, p.Message);
}
