using System.Diagnostics;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Evaluation;

/// <summary>
/// `evaluate --model`: loads the package, labels the texts of the gold documents (their annotations are
/// never shown to the model), then scores with <see cref="EvaluationRun"/>, so the JSON is the one
/// `evaluate --gold --pred` writes plus a "model" section:
/// {"name", "version", "kind", "documents", "tokens", "threads", "load_seconds", "predict_seconds", "tokens_per_second"}.
/// predict_seconds covers tokenizing and labeling only (no reading, no scoring); load_seconds is opening
/// and verifying the package and building its components.
/// </summary>
public static class ModelPrediction
{
    public static int EvaluateModel(string modelPath, string goldPath, string? format, int? threads, string? jsonPath)
    {
        if (threads is < 1) throw new UsageException("--threads must be at least 1");
        CorpusOptions.EnsureNotAnInput(jsonPath, "--json", goldPath, modelPath);
        var gold = CorpusInput.Read(goldPath, format, lenient: false, Console.Error);
        var console = Terminal.Create();

        var clock = Stopwatch.StartNew();
        var pipeline = ExtractionPipeline.Load(modelPath);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        if (pipeline.Recognizer is null) Console.Error.WriteLine($"warning: model {pipeline.ModelIdentity} has no entity recognizer: every entity will count as missed");

        var parallelism = threads ?? Environment.ProcessorCount;
        var texts = gold.Documents.Select(d => d.Document).ToList();
        clock.Restart();
        var predicted = pipeline.ProcessBatch(texts, parallelism).ToList();
        var predictSeconds = clock.Elapsed.TotalSeconds;
        // Counted after the timing so the count does not inflate it (the pipeline tokenizes the same way).
        var tokens = texts.Sum(d => (long)Core.Text.ClinicalTokenizer.Default.TokenizeWords(d.Text).Count);
        console.WriteLine($"{pipeline.ModelIdentity}: labeled {texts.Count} documents, {tokens} tokens in {predictSeconds:0.00} s " +
                          $"({tokens / Math.Max(predictSeconds, 1e-9):0} tokens/s on {parallelism} thread(s)); model load {loadSeconds:0.00} s");

        var component = pipeline.Package.Components.FirstOrDefault(c => c.Kind.StartsWith("Ner.", StringComparison.Ordinal));
        EvaluationRun.ScoreAndReport(gold.Documents, predicted, console, jsonPath, json => json["model"] = new JsonObject
        {
            ["name"] = pipeline.Package.Name,
            ["version"] = pipeline.Package.Version,
            ["kind"] = component?.Kind ?? pipeline.Recognizer?.Kind,
            ["documents"] = texts.Count,
            ["tokens"] = tokens,
            ["threads"] = parallelism,
            ["load_seconds"] = Math.Round(loadSeconds, 3),
            ["predict_seconds"] = Math.Round(predictSeconds, 3),
            ["tokens_per_second"] = Math.Round(tokens / Math.Max(predictSeconds, 1e-9)),
        });
        return CliApp.Ok;
    }
}
