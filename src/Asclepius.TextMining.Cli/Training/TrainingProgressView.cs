using Asclepius.TextMining.Ner.Training;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Training;

/// <summary>
/// Shows training progress: a live Spectre progress bar on a terminal (stage, iteration, loss, dev F1,
/// best, time left), and one plain line per finished iteration when output is redirected (logs, CI).
/// </summary>
public sealed class TrainingProgressView
{
    private readonly IAnsiConsole _console;
    private ProgressTask? _task;
    private int _lastLine = -1;

    public TrainingProgressView(IAnsiConsole console) => _console = console;

    public bool Interactive => _console.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="body"/> with a live display when interactive, plainly otherwise.</summary>
    public T Run<T>(string title, Func<IProgress<NerTrainingProgress>, T> body)
    {
        var progress = new SyncProgress<NerTrainingProgress>(Update);
        if (!Interactive)
        {
            _console.WriteLine(title);
            return body(progress);
        }
        T result = default!;
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = body(progress);
                _task.Value = _task.MaxValue;
            });
        return result;
    }

    private void Update(NerTrainingProgress p)
    {
        var line = Describe(p);
        if (_task is not null)
        {
            _task.MaxValue = Math.Max(1, p.TotalIterations);
            _task.Value = Math.Min(p.Iteration, p.TotalIterations);
            _task.Description = Markup.Escape(line);
            return;
        }
        // Plain output: one line per finished iteration and per stage change, never per batch.
        var key = p.Stage == "train" && p.DevF1 is null && p.Loss is not null ? -1 : p.Iteration * 16 + p.Stage.GetHashCode(StringComparison.Ordinal) % 16;
        if (key == -1 || key == _lastLine) return;
        _lastLine = key;
        _console.WriteLine(line);
    }

    public static string Describe(NerTrainingProgress p)
    {
        var parts = new List<string> { p.TotalIterations > 1 ? $"{p.Stage} {p.Iteration}/{p.TotalIterations}" : p.Stage };
        if (p.Loss is { } loss) parts.Add($"loss {loss:0.####}");
        if (p.DevF1 is { } f1) parts.Add($"dev F1 {f1:0.0000}");
        if (p.BestDevF1 is { } best) parts.Add($"best {best:0.0000}");
        parts.Add($"{p.Elapsed:hh\\:mm\\:ss}");
        if (p.Remaining is { } left && left > TimeSpan.Zero) parts.Add($"~{left:hh\\:mm\\:ss} left");
        if (p.Message is { } m) parts.Add(m);
        return string.Join(" · ", parts);
    }
}
