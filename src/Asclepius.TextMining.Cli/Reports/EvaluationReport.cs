namespace Asclepius.TextMining.Cli.Reports;

/// <summary>Everything an evaluation report shows; built by <see cref="EvaluationReportBuilder"/>, written by <see cref="EvaluationReportWriter"/>.</summary>
public sealed record EvaluationReport(
    string Title,
    IReadOnlyList<(string Key, string Value)> Facts,
    IReadOnlyList<ScoreGroup> Scores,
    IReadOnlyList<ConfusionMatrix> Confusions,
    TrainingCurve? Curve,
    IReadOnlyList<ReportError> Errors);
