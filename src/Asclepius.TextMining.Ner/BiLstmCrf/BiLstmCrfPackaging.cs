using System.Text.Json.Nodes;
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
        return new NerPackageRequest
        {
            Name = name,
            Kind = BiLstmCrfModel.Kind,
            Files = model.ToFiles(),
            Options = JsonNode.Parse(model.Options.ToJson())!,
            Train = train,
            Dev = dev,
            DevScores = dev is null ? null : NerEvaluation.Evaluate(model.CreateRecognizer(), dev.Documents, cancellationToken),
            Producers = new Dictionary<string, string> { ["TorchSharp"] = TorchSharpVersion },
            TrainingSummary = new JsonObject
            {
                ["model"] = "best",
                ["iteration"] = report?.BestEpoch,
                ["iterations"] = report?.History.Count,
                ["seconds"] = report is null ? null : Math.Round(report.Elapsed.TotalSeconds, 1),
                ["stop_reason"] = report?.StopReason,
                ["parameters"] = report?.Parameters,
            },
        };
    }

    public static string TorchSharpVersion { get; } = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";
}
