namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// The notes one worker holds leased: how many, how long the oldest has been held, and how many of its
/// leases have expired (a worker that died: its notes wait for another worker to take them over).
/// </summary>
public sealed record LeaseHolder(string WorkerId, long Notes, TimeSpan OldestAge, long Expired);
