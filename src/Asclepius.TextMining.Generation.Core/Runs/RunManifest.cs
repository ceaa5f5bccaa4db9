using System.Text.Json;
using System.Text.Json.Serialization;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Runs;

/// <summary>
/// run.json: what a generation run is, how far it got and what it dropped. The checkpoint a rerun
/// continues from, and the provenance a model package's training/data.json points to.
/// Layout (version 1, snake_case keys):
/// { "format": "asclepius.generation-run", "version": 1, "status": "completed",
///   "provider": "azure", "model": "gpt-4o-mini", "endpoint": "myres.openai.azure.com",
///   "prompts": [{"id": "generate-entities.v1", "sha256": "…"}],
///   "schema": {"name": "chemical-disease", "version": 1, "sha256": "…"},
///   "seed": 1, "target": 5000, "kept": 5000, "batch_size": 5, "batches": 1130,
///   "dropped": {"duplicate": 12, …}, "dropped_entities": {"entity_not_in_text": 3, …},
///   "repaired": {"repaired_offsets": 40, …},
///   "tokens": {"prompt": …, "completion": …, "total": …, "estimated": …}, "calls": {"ok": 1130, "timeout": 2},
///   "requeued": 0, "max_total_tokens": null,
///   "retries": 3, "retried": {"http_429": 2, "timeout": 1}, "generator": {"response_format": "json_schema"},
///   "started": "…", "updated": "…", "invocations": 2, "recovered_partial_bytes": 0, "error": null }
/// The endpoint is host[:port] only; no key, path or query is ever written.
/// </summary>
public sealed class RunManifest
{
    public const string FormatName = "asclepius.generation-run";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Format { get; set; } = FormatName;
    public int Version { get; set; } = CurrentVersion;
    public string Status { get; set; } = RunStatus.Running;
    public string Provider { get; set; } = "";
    public string Model { get; set; } = "";
    public string? Endpoint { get; set; }
    public List<PromptInfo> Prompts { get; set; } = new();
    public SchemaInfo Schema { get; set; } = new();
    public int Seed { get; set; }
    public int Target { get; set; }
    public int Kept { get; set; }
    public int BatchSize { get; set; }

    /// <summary>Batches processed so far (all invocations); the next batch index.</summary>
    public long Batches { get; set; }

    public SortedDictionary<string, int> Dropped { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> DroppedEntities { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Repaired { get; set; } = new(StringComparer.Ordinal);
    public TokenCounts Tokens { get; set; } = new();

    /// <summary>Model calls by outcome ("ok", "timeout", "http_429", ...), failed ones included.</summary>
    public SortedDictionary<string, int> Calls { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Batches asked again after all their attempts failed on passing causes (429, 5xx, timeouts).</summary>
    public int Requeued { get; set; }
    public long? MaxTotalTokens { get; set; }
    public int Retries { get; set; }
    public SortedDictionary<string, int> Retried { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Generator { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset Started { get; set; }
    public DateTimeOffset Updated { get; set; }
    public int Invocations { get; set; }
    public long RecoveredPartialBytes { get; set; }
    public string? Error { get; set; }

    [JsonIgnore]
    public int DroppedTotal => Dropped.Values.Sum();

    public sealed class SchemaInfo
    {
        public string Name { get; set; } = "";
        public int Version { get; set; }
        public string Sha256 { get; set; } = "";
    }

    /// <summary>Tokens of every call (calls.jsonl's sums); Estimated is the part of Total that the server did not report (timeouts, broken connections).</summary>
    public sealed class TokenCounts
    {
        public long Prompt { get; set; }
        public long Completion { get; set; }
        public long Total => Prompt + Completion;
        public long Estimated { get; set; }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunManifest Load(string path)
    {
        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new TextMiningException(ErrorCodes.MalformedRecord, $"run.json is not valid: {ex.Message}", path, ex);
        }
        if (manifest is null || manifest.Format != FormatName)
            throw new TextMiningException(ErrorCodes.MalformedRecord, $"not a generation run manifest (format must be '{FormatName}')", path);
        if (manifest.Version > CurrentVersion)
            throw new TextMiningException(ErrorCodes.MalformedRecord, $"run.json version {manifest.Version} is newer than this program reads ({CurrentVersion})", path);
        return manifest;
    }

    /// <summary>Writes run.json whole: to a temporary file first, then renamed over the old one, so a crash never leaves half a manifest.</summary>
    public void Save(string path)
    {
        var tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(ToJson());
            writer.Write('\n');
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }
}
