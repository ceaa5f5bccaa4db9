using System.Diagnostics;

namespace Asclepius.TextMining.Cli.Tests.Browser;

/// <summary>
/// Runs Debian's chromium headless on a local file, with everything that could reach out switched off.
/// Missing chromium is provisioned, never skipped: README's test command must pass on a fresh machine
/// with nothing installed by hand, and a browser test that quietly skips proves nothing. Where chromium is
/// absent and the tests run as root with apt (Debian, as CI), the first browser test installs Debian's
/// chromium package; elsewhere it fails and says how to install it. ASCLEPIUS_CHROMIUM overrides the executable.
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];
    private static readonly Lazy<string> Provisioned = new(Provision);

    public static string Executable
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("ASCLEPIUS_CHROMIUM");
            if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"ASCLEPIUS_CHROMIUM={fromEnv} does not exist");
            return Find() ?? Provisioned.Value;
        }
    }

    private static string? Find() => Candidates.FirstOrDefault(File.Exists);

    /// <summary>apt-get install chromium, as root on Debian; else a failure that says what to do.</summary>
    private static string Provision()
    {
        const string how = "chromium is not installed: the HTML report and viewer tests need it (apt-get install chromium, or bash .ci/install.sh)";
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get")) throw new FileNotFoundException(how);
        foreach (var args in new[] { "update", "install -y --no-install-recommends chromium" })
        {
            var psi = new ProcessStartInfo("/usr/bin/apt-get", args) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new FileNotFoundException($"{how}; apt-get {args} failed with {p.ExitCode}: {error[^Math.Min(1000, error.Length)..]}{output.Result[^Math.Min(200, output.Result.Length)..]}");
        }
        return Find() ?? throw new FileNotFoundException($"{how}; apt-get installed chromium but no executable was found at {string.Join(", ", Candidates)}");
    }

    /// <summary>The DOM after the page's scripts ran.</summary>
    public static string DumpDom(string htmlPath, int width = 1280, int height = 900, string query = "") =>
        Run(htmlPath, ["--dump-dom"], width, height, query);

    /// <summary>Writes a PNG of the first <paramref name="height"/> pixels of the page.</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width = 1280, int height = 900)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        if (File.Exists(pngPath)) File.Delete(pngPath);
        Run(htmlPath, [$"--screenshot={Path.GetFullPath(pngPath)}", "--hide-scrollbars"], width, height);
        if (!File.Exists(pngPath)) throw new InvalidOperationException($"chromium wrote no screenshot at {pngPath}");
    }

    private static string Run(string htmlPath, string[] mode, int width, int height, string query = "")
    {
        var profile = Directory.CreateTempSubdirectory("atm-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                         "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                         "--metrics-recording-only", "--no-pings", "--mute-audio", $"--user-data-dir={profile}",
                         $"--window-size={width},{height}", "--virtual-time-budget=10000",
                     })
                psi.ArgumentList.Add(a);
            foreach (var a in mode) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri + query);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish in 120 s on {htmlPath}");
            }
            if (p.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {p.ExitCode}: {stderr.Result[^Math.Min(2000, stderr.Result.Length)..]}");
            return stdout.Result;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { /* chromium may still hold a lock file */ }
        }
    }
}
