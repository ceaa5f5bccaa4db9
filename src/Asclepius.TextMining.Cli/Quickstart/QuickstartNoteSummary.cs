namespace Asclepius.TextMining.Cli.Quickstart;

/// <summary>Counts for one labeled note (ids and numbers only).</summary>
public sealed record QuickstartNoteSummary(
    string Id,
    IReadOnlyDictionary<string, int> EntitiesByLabel,
    int Relations,
    int Negated,
    int Uncertain,
    int Historical,
    int Family)
{
    public int Entities => EntitiesByLabel.Values.Sum();
}
