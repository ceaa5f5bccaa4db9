namespace Asclepius.TextMining.Worker.Labeling;

/// <summary>The name this process writes into lease rows: Worker:WorkerId, or host:pid:random (unique per start).</summary>
public sealed record WorkerIdentity(string Id)
{
    public static WorkerIdentity Create(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}" : configured);
}
