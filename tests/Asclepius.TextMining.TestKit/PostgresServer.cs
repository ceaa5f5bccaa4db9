using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Asclepius.TextMining.TestKit;

/// <summary>
/// A throwaway PostgreSQL server for integration tests, from the Debian server binaries
/// (/usr/lib/postgresql/N/bin): initdb in a temporary folder, trust authentication, listening on 127.0.0.1
/// at a free port, its unix socket inside the folder, durability off for speed. initdb refuses to run as
/// root, so as root the folder is given to the `postgres` user and the binaries run through `runuser`.
/// Use it as an xunit collection fixture (one server per test collection); each test takes a fresh
/// database from <see cref="CreateDatabase"/>. Disposing stops the server and deletes the folder.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string? _runAs;
    private int _databases;

    public PostgresServer()
    {
        _bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): run `bash .ci/install.sh` or `apt-get install postgresql`");
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        Root = Path.Combine(Path.GetTempPath(), $"atm-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Root);
        if (_runAs is not null) Run("chown", ["-R", $"{_runAs}:{_runAs}", Root], asServerUser: false);
        Port = FreePort();
        Run(Path.Combine(_bin, "initdb"), ["-D", DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        Start();
    }

    public string Root { get; }
    public int Port { get; }
    public string DataDir => Path.Combine(Root, "data");

    /// <summary>The maintenance database, over TCP on 127.0.0.1.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>A new empty database (its own NOTE and NOTE_NLP tables); returns its connection string.</summary>
    public string CreateDatabase(string? prefix = null)
    {
        var name = $"{prefix ?? "t"}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        Run(Path.Combine(_bin, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", name], asServerUser: false);
        return ConnectionStringFor(name);
    }

    /// <summary>Runs SQL through psql (no driver needed in the test kit); returns its unaligned output.</summary>
    public string Psql(string connectionDatabase, string sql)
    {
        var psql = File.Exists(Path.Combine(_bin, "psql")) ? Path.Combine(_bin, "psql") : "psql";
        return Run(psql, ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", "-d", connectionDatabase, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], asServerUser: false);
    }

    public void Start() =>
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "30", "-o",
            $"-p {Port} -k {Root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"]);

    /// <summary>Stops the server at once (connections are cut, as in a crash of the database host).</summary>
    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-w", "-m", "immediate", "stop"]);

    public void Restart()
    {
        Stop();
        Start();
    }

    public void Dispose()
    {
        try { Stop(); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private string Run(string file, string[] args, bool asServerUser = true)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        if (asServerUser && _runAs is not null)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAs, "--", file }) psi.ArgumentList.Add(a);
        }
        else psi.FileName = file;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} timed out");
        }
        if (p.ExitCode != 0)
        {
            var log = Path.Combine(Root, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "";
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}\n{tail}");
        }
        return stdout.Result;
    }

    private static string? FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToArray()
            : [];
        if (versions.Length > 0) return Path.Combine(versions[0], "bin");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (File.Exists(Path.Combine(dir, "initdb"))) return dir;
        return null;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
