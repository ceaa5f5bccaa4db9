using System.Buffers;
using System.Text.Json;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// A file of JSON lines as the JSON corpus writers (native JSONL, ChemProt) write it: UTF-8 without BOM, one
/// value a line, each ended by "\n"; the folder is created when missing. One <see cref="Utf8JsonWriter"/> and
/// buffer serve every line.
/// </summary>
internal sealed class JsonLinesWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public JsonLinesWriter(string path, JsonWriterOptions options)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _json = new Utf8JsonWriter(_buffer, options);
    }

    /// <summary>Writes one line: <paramref name="write"/> writes its JSON value.</summary>
    public void WriteLine(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        write(_json);
        _json.Flush();
        _stream.Write(_buffer.WrittenSpan);
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }
}
