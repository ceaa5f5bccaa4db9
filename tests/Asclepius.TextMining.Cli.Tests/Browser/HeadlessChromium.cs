using System.Diagnostics;

namespace Asclepius.TextMining.Cli.Tests.Browser;

/// <summary>
/// Runs Debian's chromium headless on a local file, with everything that could reach out switched off.
/// Missing chromium is a failure, not a skip: CI installs it (.ci/install.sh), and a browser test that
/// quietly skips proves nothing. ASCLEPIUS_CHROMIUM overrides the executable.
/// </summary>
public static class HeadlessChromium
{
    public static string Executable
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("ASCLEPIUS_CHROMIUM");
            if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"ASCLEPIUS_CHROMIUM={fromEnv} does not exist");
            foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium" })
                if (File.Exists(candidate)) return candidate;
            throw new FileNotFoundException("chromium is not installed: the HTML report and viewer tests need it (run .ci/install.sh, or apt-get install chromium)");
        }
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
