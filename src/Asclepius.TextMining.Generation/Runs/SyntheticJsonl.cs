using System.Buffers;
using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Runs;

/// <summary>
/// The native JSONL line of a generated document, and the recovery of a data.jsonl a crash may have
/// cut short. Layout (one document per line, UTF-8, '\n' ended; same keys as Core's native JSONL):
/// {"id":"syn-000001","text":"…",
///  "entities":[{"id":"T1","start":0,"end":7,"label":"Chemical","text":"aspirin","source":"synthetic"}],
///  "relations":[{"id":"R1","label":"CID","head":"T1","tail":"T2"}],
///  "metadata":{"provider":"…","model":"…","style":"…","template":"…","prompt_id":"…","batch":"12"}}
/// Kept here until Core's JSONL writer lands; then this delegates to it.
/// </summary>
public static class SyntheticJsonl
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>One whole line, newline included.</summary>
    public static byte[] ToLine(AnnotatedDocument doc)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + doc.Text.Length * 2);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", doc.Id);
            w.WriteString("text", doc.Text);
            w.WriteStartArray("entities");
            foreach (var e in doc.Entities)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteNumber("start", e.Span.Start);
                w.WriteNumber("end", e.Span.End);
                w.WriteString("label", e.Label);
                w.WriteString("text", doc.TextOf(e));
                w.WriteString("source", e.Source.ToString().ToLowerInvariant());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("relations");
            foreach (var r in doc.Relations)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("label", r.Label);
                w.WriteString("head", r.HeadId);
                w.WriteString("tail", r.TailId);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("metadata");
            foreach (var (k, v) in doc.Document.Meta) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>
    /// Makes data.jsonl end on a whole line and returns the texts of its documents, in order. A last
    /// line with no newline is what a crash mid-write leaves: it is cut off and its length returned.
    /// A whole line that does not parse is an error naming file and line: it was not written by a run.
    /// </summary>
    public static (List<string> Texts, long TruncatedBytes) Recover(string path)
    {
        var texts = new List<string>();
        if (!File.Exists(path)) return (texts, 0);

        long truncated = 0;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var length = fs.Length;
            if (length > 0)
            {
                var keep = LastNewlineEnd(fs, length);
                if (keep < length)
                {
                    truncated = length - keep;
                    fs.SetLength(keep);
                    fs.Flush(flushToDisk: true);
                }
            }
        }

        var lineNo = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            if (line.Length == 0) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                    throw new TextMiningException(ErrorCodes.MalformedRecord, "a line without a string 'text'", $"{path}:{lineNo}");
                texts.Add(t.GetString()!);
            }
            catch (JsonException ex)
            {
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"not a JSON document ({ex.Message}); data.jsonl was changed by something other than a generation run", $"{path}:{lineNo}", ex);
            }
        }
        return (texts, truncated);
    }

    private static long LastNewlineEnd(FileStream fs, long length)
    {
        var chunk = new byte[64 * 1024];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - chunk.Length);
            var count = (int)(end - start);
            fs.Seek(start, SeekOrigin.Begin);
            fs.ReadExactly(chunk, 0, count);
            var at = Array.LastIndexOf(chunk, (byte)'\n', count - 1, count);
            if (at >= 0) return start + at + 1;
            end = start;
        }
        return 0;
    }
}
