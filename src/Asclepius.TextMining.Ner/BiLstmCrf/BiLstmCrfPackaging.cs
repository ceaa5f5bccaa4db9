using Asclepius.TextMining.Ner.Packaging;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>Turns a trained BiLSTM-CRF into a package request (the caller adds paths, schema, test scores).</summary>
public static class BiLstmCrfPackaging
{
    /// <summary>
    /// A request for <paramref name="model"/> (fresh from <see cref="BiLstmCrfTrainer.Train"/>) whose dev scores
    /// are computed here on <paramref name="dev"/>; the training report, when the model has one, becomes the summary.
    /// </summary>
    public static NerPackageRequest Request(BiLstmCrfModel model, NerTrainingSet train, NerTrainingSet? dev, string name, CancellationToken cancellationToken = default)
    {
        var report = model.Training;
        var summary = EpochTrainedPackaging.Summary(report);
        return EpochTrainedPackaging.Request(name, BiLstmCrfModel.Kind, model.ToFiles(), model.Options.ToJson(), model.CreateRecognizer, train, dev, summary, cancellationToken);
    }
}
