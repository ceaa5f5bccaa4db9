namespace Asclepius.TextMining.Worker.Options;

/// <summary>Section "Worker": how the labeling loop runs.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Notes labeled at once (threads); 0 means one per core.</summary>
    public int Parallelism { get; set; }

    /// <summary>Name in lease rows; empty means host:pid:random.</summary>
    public string? WorkerId { get; set; }

    /// <summary>On SIGTERM, time allowed to finish the batch in hand before its notes are released instead.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest wait between retries while the database is unreachable.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Stop the process when nothing is left to label (batch runs; the service default keeps polling). Notes
    /// leased by other workers are waited for (a dead worker's notes are taken over when their lease expires).
    /// </summary>
    public bool ExitWhenIdle { get; set; }

    /// <summary>ExitWhenIdle: longest wait for notes leased by other workers before exiting with code 1, naming the holders.</summary>
    public TimeSpan IdleExitWait { get; set; } = TimeSpan.FromMinutes(10);
}
