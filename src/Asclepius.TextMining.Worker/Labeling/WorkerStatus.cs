namespace Asclepius.TextMining.Worker.Labeling;

/// <summary>Counters and state the health endpoint reports. Thread-safe.</summary>
public sealed class WorkerStatus
{
    private long _labeled;
    private long _failed;
    private long _batches;

    public string WorkerId { get; set; } = "";
    public string? Model { get; set; }
    public bool StoreReachable { get; set; } = true;
    public DateTimeOffset? LastBatch { get; private set; }
    public long Labeled => Interlocked.Read(ref _labeled);
    public long Failed => Interlocked.Read(ref _failed);
    public long Batches => Interlocked.Read(ref _batches);

    public void AddBatch(int labeled, int failed)
    {
        Interlocked.Add(ref _labeled, labeled);
        Interlocked.Add(ref _failed, failed);
        Interlocked.Increment(ref _batches);
        LastBatch = DateTimeOffset.UtcNow;
    }
}
