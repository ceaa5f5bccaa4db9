using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// errors.jsonl: one line per input that could not be labeled, {"id","source","line","code","reason"}
/// (id and line null when unknown). A label run writes its own report: a previous one is replaced, and no
/// file is left when nothing failed; a long-running worker appends instead. Lines are flushed as they
/// come. Thread-safe.
/// </summary>
public sealed class ErrorReport : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly object _gate = new();
    private FileStream? _stream;

    private readonly bool _append;

    public ErrorReport(string path, bool append = false)
    {
        Path = System.IO.Path.GetFullPath(path);
        _append = append;
        if (!append && File.Exists(Path)) File.Delete(Path);
    }

    public string Path { get; }
    public int Count { get; private set; }

    public void Add(NoteProblem problem)
    {
        var line = Line(problem);
        lock (_gate)
        {
            if (_stream is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _stream = new FileStream(Path, _append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
            }
            _stream.Write(line);
            _stream.Flush();
            Count++;
        }
    }

    public static byte[] Line(NoteProblem p)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            if (p.Id is null) w.WriteNull("id"); else w.WriteString("id", p.Id);
            w.WriteString("source", p.Source);
            if (p.Line is { } l) w.WriteNumber("line", l); else w.WriteNull("line");
            w.WriteString("code", p.Code);
            w.WriteString("reason", p.Reason);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public void Dispose()
    {
        lock (_gate) _stream?.Dispose();
    }
}
