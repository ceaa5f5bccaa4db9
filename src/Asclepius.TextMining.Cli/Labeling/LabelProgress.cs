using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Labeling;

/// <summary>
/// The progress bar of a label run (notes/s and ETA), drawn only when stdout is an interactive terminal;
/// redirected or piped output gets no bar, only the final summary line.
/// </summary>
public sealed class LabelProgress
{
    private readonly ProgressTask? _task;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw;

    private LabelProgress(ProgressTask? task) => _task = task;

    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="body"/> with a progress bar when the terminal is interactive.</summary>
    public static T Run<T>(string title, Func<LabelProgress, T> body)
    {
        if (!Interactive) return body(new LabelProgress(null));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, autoStart: true, maxValue: 1);
                result = body(new LabelProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Moves the bar to <paramref name="position"/> of <paramref name="total"/> and shows note counts and speed (at most 10 times a second).</summary>
    public void Update(double position, double total, LabelSummary summary)
    {
        if (_task is null) return;
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100) return;
        _lastDraw = now;
        var rate = now > 0 ? summary.Labeled * 1000.0 / now : 0;
        _task.MaxValue = Math.Max(total, 1);
        _task.Value = Math.Min(position, _task.MaxValue);
        _task.Description = string.Format(CultureInfo.InvariantCulture, "{0:N0} labeled, {1:N0} skipped, {2:N0} failed, {3:0.0} notes/s",
            summary.Labeled, summary.Skipped, summary.Failed, rate);
    }
}
