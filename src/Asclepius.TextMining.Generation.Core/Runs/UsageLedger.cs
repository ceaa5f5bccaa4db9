using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Runs;

/// <summary>
/// DIR/calls.jsonl: one line per model call, appended and handed to the OS as the call ends, so that a
/// process killed at any moment (kill -9 included) has lost no call it paid for; run.json's tokens are
/// this file's sums. Line: {"batch":12,"call":"generate","outcome":"ok","prompt_tokens":812,
/// "completion_tokens":640,"estimated":false}. Thread-safe: concurrent calls report here.
/// </summary>
public sealed class UsageLedger : IUsageSink, IDisposable
{
    public const string FileName = "calls.jsonl";

    private readonly object _gate = new();
    private readonly string _path;
    private FileStream? _stream; // opened at the first call: an offline run, which makes none, leaves no file
    private long _prompt;
    private long _completion;
    private long _estimated;
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);

    /// <summary>Opens the ledger of a run folder and sums what it holds; <paramref name="baseline"/> counts tokens of a run made before the ledger existed.</summary>
    public UsageLedger(string directory, RunManifest.TokenCounts? baseline = null)
    {
        var path = _path = Path.Combine(directory, FileName);
        if (File.Exists(path)) Load(path);
        else if (baseline is not null)
        {
            _prompt = baseline.Prompt;
            _completion = baseline.Completion;
            _estimated = baseline.Estimated;
        }
    }

    public long PromptTokens { get { lock (_gate) return _prompt; } }
    public long CompletionTokens { get { lock (_gate) return _completion; } }
    public long Total { get { lock (_gate) return _prompt + _completion; } }

    public void Record(CallUsage usage)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new Line(usage.BatchIndex, usage.Call, usage.Outcome, usage.PromptTokens, usage.CompletionTokens, usage.Estimated), Json);
        lock (_gate)
        {
            Add(usage.Outcome, usage.PromptTokens, usage.CompletionTokens, usage.Estimated);
            _stream ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            _stream.Write(line);
            _stream.WriteByte((byte)'\n');
            _stream.Flush();
        }
    }

    /// <summary>Copies the sums into run.json's counters.</summary>
    public void CopyTo(RunManifest manifest)
    {
        lock (_gate)
        {
            manifest.Tokens.Prompt = _prompt;
            manifest.Tokens.Completion = _completion;
            manifest.Tokens.Estimated = _estimated;
            manifest.Calls = new SortedDictionary<string, int>(_outcomes, StringComparer.Ordinal);
        }
    }

    public void Sync()
    {
        lock (_gate) _stream?.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Flush(flushToDisk: true);
            _stream?.Dispose();
        }
    }

    private void Add(string outcome, long prompt, long completion, bool estimated)
    {
        _prompt += prompt;
        _completion += completion;
        if (estimated) _estimated += prompt + completion;
        _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>Sums the lines; a last line cut short by a crash is ignored (and overwritten by the next whole line's newline discipline).</summary>
    private void Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
            fs.SetLength(end);
        }
        foreach (var text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = JsonSerializer.Deserialize<Line>(text, Json);
            if (line is not null) Add(line.Outcome, line.PromptTokens, line.CompletionTokens, line.Estimated);
        }
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record Line(long Batch, string Call, string Outcome, int PromptTokens, int CompletionTokens, bool Estimated);
}
