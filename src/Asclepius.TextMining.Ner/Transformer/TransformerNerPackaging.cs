using System.Text.Json.Nodes;
using Asclepius.TextMining.Ner.BiLstmCrf;
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
        return new NerPackageRequest
        {
            Name = name,
            Kind = TransformerNerModel.Kind,
            Files = model.ToFiles(),
            Options = JsonNode.Parse(model.Options.ToJson())!,
            Train = train,
            Dev = dev,
            DevScores = dev is null ? null : NerEvaluation.Evaluate(model.CreateRecognizer(), dev.Documents, cancellationToken),
            Producers = new Dictionary<string, string> { ["TorchSharp"] = BiLstmCrfPackaging.TorchSharpVersion },
            TrainingSummary = new JsonObject
            {
                ["model"] = "best",
                ["iteration"] = report?.BestEpoch,
                ["iterations"] = report?.History.Count,
                ["seconds"] = report is null ? null : Math.Round(report.Elapsed.TotalSeconds, 1),
                ["stop_reason"] = report?.StopReason,
                ["parameters"] = report?.Parameters,
                ["encoder"] = model.Options.Encoder,
                ["windows"] = report?.TrainWindows,
                ["word_pieces"] = report?.TrainPieces,
            },
        };
    }
}
