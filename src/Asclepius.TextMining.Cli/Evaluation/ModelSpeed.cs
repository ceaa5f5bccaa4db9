using System.Text.Json.Nodes;
using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Pipeline;

namespace Asclepius.TextMining.Cli.Evaluation;

/// <summary>
/// How fast `evaluate --model` labeled the gold texts, for the "model" section of its JSON:
/// {"name", "version", "kind", "device", "documents", "tokens", "threads", "load_seconds", "predict_seconds",
///  "tokens_per_second", "tokens_per_second_with_load"}. predict_seconds covers tokenizing and labeling
/// only (no reading, no scoring); load_seconds is opening and verifying the package and building its components.
/// The *_cpu_seconds fields are the process's CPU time over the same spans: on a shared machine wall time
/// depends on the neighbours, CPU time much less, so benchmarks report both.
/// </summary>
public sealed record ModelSpeed(string Name, string Version, string? Kind, string Device, int Documents, long Tokens, int Threads, double LoadSeconds, double PredictSeconds,
    double LoadCpuSeconds, double PredictCpuSeconds)
{
    public double TokensPerSecond => Tokens / Math.Max(PredictSeconds, 1e-9);
    public double TokensPerSecondWithLoad => Tokens / Math.Max(PredictSeconds + LoadSeconds, 1e-9);

    public static ModelSpeed Of(ExtractionPipeline pipeline, string device, IReadOnlyList<AnnotatedDocument> documents, int threads, double loadSeconds, double predictSeconds,
        double loadCpuSeconds, double predictCpuSeconds)
    {
        // Counted after the timing, with the tokenizer the pipeline uses, so counting does not inflate it.
        var tokens = documents.Sum(d => (long)ClinicalTokenizer.Default.TokenizeWords(d.Text).Count);
        var kind = pipeline.Package.Components.FirstOrDefault(c => c.Kind.StartsWith("Ner.", StringComparison.Ordinal))?.Kind ?? pipeline.Recognizer?.Kind;
        return new ModelSpeed(pipeline.Package.Name, pipeline.Package.Version, kind, device, documents.Count, tokens, threads, loadSeconds, predictSeconds, loadCpuSeconds, predictCpuSeconds);
    }

    /// <summary>CPU time of this process so far (all threads).</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["version"] = Version,
        ["kind"] = Kind,
        ["device"] = Device,
        ["documents"] = Documents,
        ["tokens"] = Tokens,
        ["threads"] = Threads,
        ["load_seconds"] = Math.Round(LoadSeconds, 3),
        ["predict_seconds"] = Math.Round(PredictSeconds, 3),
        ["tokens_per_second"] = Math.Round(TokensPerSecond),
        ["tokens_per_second_with_load"] = Math.Round(TokensPerSecondWithLoad),
        ["load_cpu_seconds"] = Math.Round(LoadCpuSeconds, 3),
        ["predict_cpu_seconds"] = Math.Round(PredictCpuSeconds, 3),
        ["tokens_per_cpu_second"] = Math.Round(Tokens / Math.Max(PredictCpuSeconds, 1e-9)),
    };

    public override string ToString() =>
        $"{Tokens} tokens in {PredictSeconds:0.00} s ({TokensPerSecond:0} tokens/s on {Threads} thread(s), device {Device}), model load {LoadSeconds:0.00} s";
}
