namespace Asclepius.TextMining.Cli.Reports;

/// <summary>A training curve found in a model package: where it came from, the x axis name and its series.</summary>
public sealed record TrainingCurve(string Source, string XName, IReadOnlyList<CurveSeries> Series);
