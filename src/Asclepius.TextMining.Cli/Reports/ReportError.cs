namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// One mistake shown in context. <see cref="Kind"/>: "FP" (predicted, not in gold), "FN" (gold, missed),
/// "label" (same span, other label), or "assertion-{flag}" (that flag wrong on a gold mention;
/// <see cref="Detail"/> says how). Offsets are into <see cref="Text"/>, the document's text.
/// </summary>
public sealed record ReportError(string DocumentId, string Kind, string Label, int Start, int End, string Text, string Detail);
