namespace Asclepius.TextMining.Core.Formats;

/// <summary>Reader options. Column names matter only to CSV/TSV note readers.</summary>
public sealed record ReadOptions
{
    public static readonly ReadOptions Strict = new();

    /// <summary>Skip, report and count bad records instead of stopping at the first one.</summary>
    public bool Lenient { get; init; }

    public string? IdColumn { get; init; }
    public string? TextColumn { get; init; }

    /// <summary>Notes longer than this (in characters) are bad input, not read.</summary>
    public int MaxDocumentChars { get; init; } = 5_000_000;
}
