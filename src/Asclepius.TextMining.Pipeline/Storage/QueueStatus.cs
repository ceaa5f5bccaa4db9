namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>Where the notes of one model version stand: counts per state and who holds the leased ones.</summary>
public sealed record QueueStatus(string NlpSystem, WorkCounts Counts, IReadOnlyList<LeaseHolder> Leases);
