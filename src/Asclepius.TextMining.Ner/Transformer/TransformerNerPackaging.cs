using Asclepius.TextMining.Ner.Packaging;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>Turns a fine-tuned transformer into a package request (the caller adds paths, schema, test scores).</summary>
public static class TransformerNerPackaging
{
    /// <summary>A request for <paramref name="model"/> whose dev scores are computed here on <paramref name="dev"/>.</summary>
    public static NerPackageRequest Request(TransformerNerModel model, NerTrainingSet train, NerTrainingSet? dev, string name, CancellationToken cancellationToken = default)
    {
        var report = model.Training;
        var summary = EpochTrainedPackaging.Summary(report);
        summary["encoder"] = model.Options.Encoder;
        summary["windows"] = report?.TrainWindows;
        summary["word_pieces"] = report?.TrainPieces;
        if (report?.Propagation is { } p)
        {
            summary["dev_f1_without_propagation"] = p.Without.F1;
            summary["dev_f1_with_propagation"] = p.Best.Score.F1;
        }
        return EpochTrainedPackaging.Request(name, TransformerNerModel.Kind, model.ToFiles(), model.Options.ToJson(), model.CreateRecognizer, train, dev, summary, cancellationToken);
    }
}
