using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// The sidecar that makes a label run resumable (OUT.progress). Layout, version 1, one JSON object per line:
/// <code>
/// {"format":"asclepius-progress","version":1,"nlp_system":"name version","output_format":"jsonl"}
/// {"id":"note-1","end":5120,"rows":3}      // note-1 is in the output, which is complete up to byte 5120
/// </code>
/// An entry is appended only after the output bytes it covers were flushed to disk, so on a rerun the
/// output is cut back to the last recorded "end": whatever a crash left after it (a partial line, notes
/// written but not recorded) is dropped and labeled again. A partial last entry is ignored the same way.
/// A ledger written by another model or for another output format is refused (ATM703).
/// The ledger is also the output's lock: it is held open exclusively (an OS file lock, released when the
/// process ends however it ends), so a second run on the same output fails at once with ATM706, naming the
/// holder recorded beside it in LEDGER.lock (pid, machine, start time; removed on a clean exit).
/// </summary>
public sealed class ProgressLedger : IDisposable
{
    public const string FormatName = "asclepius-progress";
    private readonly FileStream _stream;
    private readonly MemoryStream _pending = new();
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    private readonly string _holderPath;

    private ProgressLedger(FileStream stream, string holderPath)
    {
        _stream = stream;
        _holderPath = holderPath;
    }

    public IReadOnlySet<string> Done => _done;

    /// <summary>Output bytes known complete (what the output is cut back to).</summary>
    public long CommittedEnd { get; private set; }

    /// <summary>Rows written so far (for running row numbers such as note_nlp_id).</summary>
    public long Rows { get; private set; }

    public string Path => _stream.Name;

    /// <summary>Opens (or starts) the ledger and takes the output's lock; with <paramref name="overwrite"/> the ledger starts over, once the lock is held.</summary>
    public static ProgressLedger Open(string path, string nlpSystem, string outputFormat, string outputShownAs, bool overwrite = false)
    {
        var holderPath = path + ".lock";
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            throw new TextMiningException(ErrorCodes.OutputInUse,
                $"is being written by another label run ({Holder(holderPath)}); wait for it to end or choose another --out", outputShownAs, ex);
        }
        var ledger = new ProgressLedger(stream, holderPath);
        try
        {
            File.WriteAllText(holderPath, new JsonObject
            {
                ["pid"] = Environment.ProcessId,
                ["host"] = Environment.MachineName,
                ["started"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }.ToJsonString() + "\n");
            if (overwrite) stream.SetLength(0);
            if (stream.Length > 0) ledger.Load(nlpSystem, outputFormat, outputShownAs);
            else
            {
                var header = new JsonObject { ["format"] = FormatName, ["version"] = 1, ["nlp_system"] = nlpSystem, ["output_format"] = outputFormat };
                var bytes = Encoding.UTF8.GetBytes(header.ToJsonString() + "\n");
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            return ledger;
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
    }

    // EWOULDBLOCK from flock on Linux (11) and macOS (35); a sharing violation on Windows.
    private static bool IsLockConflict(IOException ex) =>
        ex.GetType() == typeof(IOException) && ex.HResult is 11 or 35 or unchecked((int)0x80070020);

    private static string Holder(string holderPath)
    {
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(holderPath)) as JsonObject;
            return $"pid {(long?)o?["pid"]} on {(string?)o?["host"]}, started {(string?)o?["started"]} UTC";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return "its pid is not recorded";
        }
    }

    private void Load(string nlpSystem, string outputFormat, string outputShownAs)
    {
        _stream.Position = 0;
        var data = new byte[_stream.Length];
        _stream.ReadExactly(data);
        var lineStart = 0;
        var validEnd = 0L;
        var first = true;
        while (lineStart < data.Length)
        {
            var nl = Array.IndexOf(data, (byte)'\n', lineStart);
            if (nl < 0) break; // a partial last entry: the crash came before it was complete
            JsonObject? o = null;
            try { o = JsonNode.Parse(data.AsSpan(lineStart, nl - lineStart)) as JsonObject; }
            catch (JsonException) { }
            if (o is null) break;
            if (first)
            {
                if ((string?)o["format"] != FormatName)
                    throw new TextMiningException(ErrorCodes.OutputMismatch, "is not a label progress file", Path);
                var system = (string?)o["nlp_system"];
                var format = (string?)o["output_format"];
                if (system != nlpSystem)
                    throw new TextMiningException(ErrorCodes.OutputMismatch,
                        $"was labeled by model '{system}'; this run uses '{nlpSystem}'. Choose another --out, or pass --overwrite to start it over", outputShownAs);
                if (format != outputFormat)
                    throw new TextMiningException(ErrorCodes.OutputMismatch,
                        $"was written as '{format}', not '{outputFormat}'. Choose another --out, or pass --overwrite to start it over", outputShownAs);
                first = false;
            }
            else
            {
                var id = (string?)o["id"];
                if (id is null) break;
                _done.Add(id);
                CommittedEnd = (long?)o["end"] ?? CommittedEnd;
                Rows += (long?)o["rows"] ?? 0;
            }
            validEnd = nl + 1;
            lineStart = nl + 1;
        }
        if (first) throw new TextMiningException(ErrorCodes.OutputMismatch, "the progress file has no valid header; pass --overwrite to start over", Path);
        _stream.SetLength(validEnd);
        _stream.Position = validEnd;
    }

    /// <summary>Drops entries past an output length (the output lost its tail, e.g. after a power cut).</summary>
    public void TrimTo(long outputLength)
    {
        if (CommittedEnd <= outputLength) return;
        throw new TextMiningException(ErrorCodes.OutputMismatch,
            $"the output is shorter ({outputLength:N0} bytes) than its progress file records ({CommittedEnd:N0}); it was changed outside this command. Pass --overwrite to start over", Path);
    }

    public void Record(string id, long end, int rows)
    {
        var line = new JsonObject { ["id"] = id, ["end"] = end, ["rows"] = rows }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _pending.Write(bytes);
        _done.Add(id);
        CommittedEnd = end;
        Rows += rows;
    }

    /// <summary>Appends the recorded entries in one write and flushes them to disk. Call after the output itself is flushed.</summary>
    public void Flush()
    {
        if (_pending.Length == 0) return;
        _stream.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
        _stream.Flush(flushToDisk: true);
        _pending.SetLength(0);
    }

    public void Dispose()
    {
        try { Flush(); }
        finally
        {
            // The holder note goes first: once the lock is released another run may write its own.
            try { File.Delete(_holderPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            _stream.Dispose();
        }
    }
}
