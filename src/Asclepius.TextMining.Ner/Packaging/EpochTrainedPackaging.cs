using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Packaging;

/// <summary>
/// The package request both TorchSharp backends (BiLSTM-CRF, transformer) make: dev scores computed here with the
/// recognizer that will be packaged, TorchSharp named as producer, the model-best epoch summary of training.
/// </summary>
public static class EpochTrainedPackaging
{
    public static string TorchSharpVersion { get; } = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <param name="summary">The training summary's common keys (null without a training report); backend keys are added to it by the caller.</param>
    public static NerPackageRequest Request(string name, string kind, IReadOnlyDictionary<string, byte[]> files, string optionsJson,
        Func<IEntityRecognizer> recognizer, NerTrainingSet train, NerTrainingSet? dev, JsonObject summary, CancellationToken cancellationToken) => new()
    {
        Name = name,
        Kind = kind,
        Files = files,
        Options = JsonNode.Parse(optionsJson)!,
        Train = train,
        Dev = dev,
        DevScores = dev is null ? null : NerEvaluation.Evaluate(recognizer(), dev.Documents, cancellationToken),
        Producers = new Dictionary<string, string> { ["TorchSharp"] = TorchSharpVersion },
        TrainingSummary = summary,
    };

    /// <summary>The keys every epoch-trained backend reports: kept epoch, epochs run, seconds, why it stopped, parameters (null without a report: a loaded model).</summary>
    public static JsonObject Summary(EpochTrainingReport? report) => new()
    {
        ["model"] = "best",
        ["iteration"] = report?.BestEpoch,
        ["iterations"] = report?.History.Count,
        ["seconds"] = report is null ? null : Math.Round(report.Elapsed.TotalSeconds, 1),
        ["stop_reason"] = report?.StopReason,
        ["parameters"] = report?.Parameters,
    };
}
