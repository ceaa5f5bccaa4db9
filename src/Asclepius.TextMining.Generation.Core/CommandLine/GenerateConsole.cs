using System.Globalization;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Validation;
using Spectre.Console;

namespace Asclepius.TextMining.Generation.CommandLine;

/// <summary>
/// Runs a generation for a command line tool: a progress bar on standard error (a plain line every 10 s
/// when it is not a terminal), the run's log after it, and a summary table and the paths written on
/// standard output. Both `asclepius generate` and `asclepius-generate generate` run through here.
/// </summary>
public static class GenerateConsole
{
    /// <summary>Exit codes, the same in both tools: 0 target reached; 1 failed, stalled or budget exhausted (run.json says which).</summary>
    public const int Ok = 0;
    public const int Failed = 1;

    public static async Task<int> RunAsync(ISampleGenerator generator, LabelSchema schema, GenerationRunOptions options, CancellationToken cancellationToken,
        ValidationOptions? validation = null)
    {
        var validator = new SampleValidator(schema, validation);
        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var logs = new List<string>();
        var count = options.TargetCount;
        options = options with { Log = m => { lock (logs) logs.Add(m); } };

        RunResult result;
        try
        {
            if (err.Profile.Capabilities.Interactive)
            {
                result = await err.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(Describe(null, count), maxValue: count);
                        var runner = new GenerationRunner(generator, validator, options with
                        {
                            Progress = p => { task.Value = p.Kept; task.Description = Describe(p, count); },
                        });
                        var r = await runner.RunAsync(cancellationToken);
                        task.Value = r.Manifest.Kept;
                        return r;
                    });
            }
            else
            {
                // Not a terminal (CI, a log file): a plain line at most every 10 seconds.
                var last = DateTime.MinValue;
                var runner = new GenerationRunner(generator, validator, options with
                {
                    Progress = p =>
                    {
                        if (DateTime.UtcNow - last < TimeSpan.FromSeconds(10) && p.Kept < count) return;
                        last = DateTime.UtcNow;
                        Console.Error.WriteLine(Describe(p, count));
                    },
                });
                result = await runner.RunAsync(cancellationToken);
            }
        }
        finally
        {
            // After the progress display is gone; also when the run failed or was cancelled (it says how to continue).
            lock (logs) foreach (var line in logs) Console.Error.WriteLine(line);
        }

        PrintSummary(result, options.OutputDirectory);
        if (result.Status == RunStatus.Completed) return Ok;
        Console.Error.WriteLine($"error: {result.Manifest.Error ?? result.Status}");
        return Failed;
    }

    private static string Describe(RunProgress? p, int target)
    {
        if (p is null) return $"kept 0/{target}";
        var eta = p.Eta is { } e ? $" · ETA {(int)e.TotalHours:00}:{e.Minutes:00}:{e.Seconds:00}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"kept {p.Kept}/{target} · dropped {p.Dropped} · tokens {Tokens(p.TotalTokens)} · {p.SamplesPerSecond:0.0}/s{eta}{(p.Retries > 0 ? $" · retries {p.Retries}" : "")}");
    }

    private static string Tokens(long n) => n >= 1_000_000 ? $"{n / 1e6:0.0}M" : n >= 1000 ? $"{n / 1e3:0.0}k" : n.ToString(CultureInfo.InvariantCulture);

    private static void PrintSummary(RunResult result, string outDir)
    {
        var m = result.Manifest;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var table = new Table().AddColumn("generation").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("status", m.Status);
        table.AddRow("provider / model", Markup.Escape($"{m.Provider} / {m.Model}"));
        table.AddRow("kept", $"{m.Kept} of {m.Target} ({result.KeptThisRun} this run)");
        foreach (var (reason, n) in m.Dropped) table.AddRow($"dropped: {reason}", n.ToString(CultureInfo.InvariantCulture));
        foreach (var (reason, n) in m.DroppedEntities) table.AddRow($"dropped entities: {reason}", n.ToString(CultureInfo.InvariantCulture));
        foreach (var (reason, n) in m.Repaired) table.AddRow($"repaired: {reason}", n.ToString(CultureInfo.InvariantCulture));
        if (m.Tokens.Total > 0) table.AddRow("tokens (prompt + completion)", $"{m.Tokens.Prompt} + {m.Tokens.Completion}{(m.Tokens.Estimated > 0 ? $" ({m.Tokens.Estimated} estimated)" : "")}");
        foreach (var (outcome, n) in m.Calls) table.AddRow($"calls: {outcome}", n.ToString(CultureInfo.InvariantCulture));
        if (m.Requeued > 0) table.AddRow("batches asked again", m.Requeued.ToString(CultureInfo.InvariantCulture));
        if (m.Retries > 0) table.AddRow("retries", string.Join(", ", m.Retried.Select(kv => $"{kv.Key} {kv.Value}")));
        if (result.RecoveredPartialBytes > 0) table.AddRow("cut partial last line", $"{result.RecoveredPartialBytes} bytes");
        console.Write(table);
        console.WriteLine(Path.Combine(outDir, GenerationRunner.DataFileName));
        console.WriteLine(Path.Combine(outDir, GenerationRunner.ManifestFileName));
    }
}
