namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// Counts of (gold, predicted) label pairs over <see cref="Labels"/> (which may include "none": a mention on
/// one side only). Rows are gold, columns predicted.
/// </summary>
public sealed record ConfusionMatrix(string Id, string Title, IReadOnlyList<string> Labels, IReadOnlyDictionary<(string Gold, string Predicted), int> Counts, string? Note = null)
{
    public const string None = "none";

    public int Count(string gold, string predicted) => Counts.TryGetValue((gold, predicted), out var n) ? n : 0;
}
