using Asclepius.TextMining.Core.Evaluation;

namespace Asclepius.TextMining.Cli.Quickstart;

/// <summary>What a quickstart run wrote and found: paths, counts and timings (never note text).</summary>
public sealed record QuickstartReport
{
    public required string GeneratedData { get; init; }
    public required string RunManifest { get; init; }
    public required string Package { get; init; }
    public required string Labels { get; init; }
    public required int GeneratedDocuments { get; init; }
    public required int TrainDocuments { get; init; }
    public required int DevDocuments { get; init; }
    public EvaluationResult? NerDev { get; init; }
    public required IReadOnlyList<QuickstartNoteSummary> Notes { get; init; }
    public required IReadOnlyDictionary<string, TimeSpan> Timings { get; init; }
}
