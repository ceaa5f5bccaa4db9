using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Runs;

/// <summary>
/// Recovery of a data.jsonl a crash may have cut short. The lines themselves are Core's native JSONL
/// (written by <see cref="AppendOnlyJsonlWriter"/> through JsonlFormat.ToUtf8Line).
/// </summary>
public static class DataFileRecovery
{
    /// <summary>
    /// Makes data.jsonl end on a whole line and returns the texts of its documents, in order. A last
    /// line with no newline is what a crash mid-write leaves: it is cut off and its length returned.
    /// A whole line that does not parse is an error naming file and line: it was not written by a run.
    /// LastBatch is the highest metadata.batch of the documents (null when none carries one).
    /// </summary>
    public static (List<string> Texts, long TruncatedBytes, long? LastBatch) Recover(string path)
    {
        var texts = new List<string>();
        long? lastBatch = null;
        if (!File.Exists(path)) return (texts, 0, null);

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
                if (json.RootElement.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                    && meta.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.String
                    && long.TryParse(b.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var batch))
                    lastBatch = Math.Max(lastBatch ?? 0, batch);
            }
            catch (JsonException ex)
            {
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"not a JSON document ({ex.Message}); data.jsonl was changed by something other than a generation run", $"{path}:{lineNo}", ex);
            }
        }
        return (texts, truncated, lastBatch);
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
