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
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) kill.WaitForExit();
        return _process.WaitForExit(timeout);
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
