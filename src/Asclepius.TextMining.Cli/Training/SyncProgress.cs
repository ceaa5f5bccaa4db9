namespace Asclepius.TextMining.Cli.Training;

/// <summary>
/// An IProgress that calls back on the reporting thread, in order (System.Progress posts to the thread
/// pool, which can reorder reports and outlive the command).
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
