using System.Diagnostics;
using System.Text;

namespace Asclepius.TextMining.Worker.Tests.Support;

/// <summary>
/// The worker as a separate process (`dotnet Asclepius.TextMining.Worker.dll`, configured through
/// environment variables as an operator would), with its console output kept for inspection.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public WorkerProcess(string workingDirectory, IDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Asclepius.TextMining.Worker.dll"));
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        psi.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Waits for the process to exit on its own and for its output to be read to the end.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGKILL: the process dies on the spot, holding whatever leases it had.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or Kubernetes send it; waits for the process to exit.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        Signal("TERM");
        return _process.WaitForExit(timeout);
    }

    /// <summary>
    /// SIGKILL at a moment <paramref name="ready"/> confirms: the process is frozen (SIGSTOP) while the condition
    /// is checked, so what the check saw (say, leases held) is still true when it dies. Polling a running worker
    /// instead missed its short lease windows on a busy machine; call this from the worker's start rather than after
    /// waiting for something else, or a busy machine lets the worker finish the queue first. Returns false when the
    /// condition never held within <paramref name="timeout"/>; the process then runs on.
    /// </summary>
    public async Task<bool> KillWhenAsync(Func<bool> ready, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            Signal("STOP");
            if (ready())
            {
                Kill();
                return true;
            }
            Signal("CONT");
            await Task.Delay(50);
        }
        return false;
    }

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString()])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
