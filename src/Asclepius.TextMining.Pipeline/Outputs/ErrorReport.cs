using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// errors.jsonl: one line per input that could not be labeled, {"id","source","line","code","reason"}
/// (id and line null when unknown). A label run writes its own report: a previous report is replaced, and no
/// file is left when nothing failed; a long-running worker appends instead. A file at the path that is not
/// such a report is never replaced (ATM703): it is not this command's to delete. Lines are flushed as they
/// come. Reasons name offsets, lengths and codes, never note text. Thread-safe.
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
        if (!append && File.Exists(Path))
        {
            if (!IsReport(Path))
                throw new TextMiningException(ErrorCodes.OutputMismatch, "exists and is not an errors report of this command, so it is not replaced; choose another --errors path", path);
            File.Delete(Path);
        }
    }

    /// <summary>True when every line of the file is an errors report line (an empty file too: nothing is lost).</summary>
    public static bool IsReport(string path)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0) continue;
                if (JsonNode.Parse(line) is not JsonObject o || o["code"] is null || o["reason"] is null || o["source"] is null) return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException or InvalidOperationException)
        {
            return false;
        }
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
