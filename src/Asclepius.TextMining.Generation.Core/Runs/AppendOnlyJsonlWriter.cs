using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Generation.Runs;

/// <summary>
/// Appends whole lines to data.jsonl: each line is built in memory, written with one call and
/// flushed to the OS before the next, so stopping between two writes (Ctrl-C, cancellation) never
/// leaves a partial line. A process killed inside a write may; the runner cuts that off on restart.
/// </summary>
public sealed class AppendOnlyJsonlWriter : IDisposable
{
    private readonly FileStream _stream;

    public AppendOnlyJsonlWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public void Write(AnnotatedDocument document)
    {
        var line = JsonlFormat.ToUtf8Line(document);
        _stream.Write(line, 0, line.Length);
        _stream.Flush();
    }

    /// <summary>Pushes written lines to the disk (at checkpoints, before run.json claims them).</summary>
    public void Sync() => _stream.Flush(flushToDisk: true);

    public void Dispose()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
    }
}
