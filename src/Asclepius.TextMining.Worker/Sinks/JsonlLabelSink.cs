using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Outputs;

namespace Asclepius.TextMining.Worker.Sinks;

/// <summary>
/// Appends labeled notes to a native JSONL file (metadata.nlp_system names the model). Each batch is one
/// write of whole lines, flushed to disk before the notes are marked done, so a crash can repeat a note
/// (at least once) but never leaves half a line.
/// </summary>
public sealed class JsonlLabelSink : ILabelSink, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private FileStream? _stream;

    public JsonlLabelSink(string path) => _path = Path.GetFullPath(path);

    public string Describe => $"jsonl {_path}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        return Task.CompletedTask;
    }

    public async Task WriteAsync(string nlpSystem, IReadOnlyList<AnnotatedDocument> labeled, CancellationToken cancellationToken)
    {
        if (labeled.Count == 0) return;
        var buffer = new MemoryStream();
        foreach (var doc in labeled) buffer.Write(NativeJsonl.Line(doc, nlpSystem));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stream = _stream ?? throw new InvalidOperationException("sink not started");
            await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _stream?.Dispose();
}
