using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// manifest.json of a model package. Layout (format version 2; readers accept older versions, and refuse
/// a package whose min_reader_version is newer than theirs):
/// {
///   "format": "asclepius-model", "format_version": 2, "min_reader_version": 1,
///   "name": "bc5cdr-ner", "version": "3f2a9c1b7d4e",          // version = ContentVersion(): see there
///   "created": "2026-11-23T12:00:00Z",
///   "producer": { "Asclepius.TextMining": "0.1.0", ... },       // versions of what built it
///   "training_data_sha256": "…",
///   "components": [ { "name": "ner", "kind": "Ner.TokenWindow.v1", "files": ["model.zip", "vocab.json"] } ],
///   "entries": { "schema.json": "<sha256>", "components/ner/model.zip": "<sha256>", … }
/// }
/// </summary>
public sealed record PackageManifest(
    int FormatVersion,
    int MinReaderVersion,
    string Name,
    string Version,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Producer,
    string? TrainingDataSha256,
    IReadOnlyList<PackageComponent> Components,
    IReadOnlyDictionary<string, string> Entries)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "asclepius-model";

    // Every key a manifest of format 2 may hold: the version covers all of them, so a key this list lacks
    // could change unseen; it is refused instead.
    private static readonly string[] Keys =
        ["format", "format_version", "min_reader_version", "name", "version", "created", "producer", "training_data_sha256", "components", "entries"];
    private static readonly string[] ComponentKeys = ["name", "kind", "files"];

    /// <summary>How "created" is written (whole seconds, UTC marker), so writer and reader hash the same text.</summary>
    public string CreatedText => Created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The version this manifest's content gives; the reader refuses a package whose "version" differs.
    /// Format 1: a hash of the entries only (name and sha256 of each), so the component list, kinds and
    /// order were not covered. Format 2 and later: a hash of every field but "version" itself — components
    /// (names, kinds, order, files), name, producer, created, training data, entries — so removing a
    /// component, changing a kind, or editing an options file and its sha256 gives another version (and the
    /// reader refuses the package, whose "version" no longer matches). First 12 hex digits of a SHA-256 over
    /// length-prefixed fields: no JSON re-serialization, so it cannot drift with a JSON library's escaping.
    /// </summary>
    public string ContentVersion()
    {
        if (FormatVersion < 2)
            return Hash(string.Join("\n", Entries.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key} {h.Value}")));
        var b = new System.Text.StringBuilder();
        void Field(string value) => b.Append(value.Length).Append(':').Append(value).Append('\n');
        Field(FormatName);
        Field(FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(MinReaderVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(Name);
        Field(CreatedText);
        Field(Producer.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (k, v) in Producer.OrderBy(p => p.Key, StringComparer.Ordinal)) { Field(k); Field(v); }
        if (TrainingDataSha256 is null) b.Append("null\n"); else Field(TrainingDataSha256);
        Field(Components.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var c in Components)
        {
            Field(c.Name);
            Field(c.Kind);
            Field(c.Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var f in c.Files) Field(f);
        }
        Field(Entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (k, v) in Entries.OrderBy(p => p.Key, StringComparer.Ordinal)) { Field(k); Field(v); }
        return Hash(b.ToString());
    }

    private static string Hash(string text) => ModelPackage.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text))[..12];

    public JsonObject ToJson() => new()
    {
        ["format"] = FormatName,
        ["format_version"] = FormatVersion,
        ["min_reader_version"] = MinReaderVersion,
        ["name"] = Name,
        ["version"] = Version,
        ["created"] = CreatedText,
        ["producer"] = new JsonObject(Producer.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["training_data_sha256"] = TrainingDataSha256,
        ["components"] = new JsonArray(Components.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["kind"] = c.Kind,
            ["files"] = new JsonArray(c.Files.Select(f => (JsonNode)f).ToArray()),
        }).ToArray()),
        ["entries"] = new JsonObject(Entries.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
    };

    public static PackageManifest Parse(string json, string location)
    {
        try
        {
            var o = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object");
            if ((string?)o["format"] != FormatName)
                throw new TextMiningException(ErrorCodes.PackageMalformed, $"manifest 'format' is not '{FormatName}'", location);
            var formatVersion = (int)o["format_version"]!;
            if (formatVersion is >= 2 and <= ModelPackage.CurrentFormatVersion)
                RefuseUnknownKeys(o, location);
            var components = ((JsonArray?)o["components"] ?? new JsonArray()).Select(c => new PackageComponent(
                (string)c!["name"]!, (string)c["kind"]!, ((JsonArray)c["files"]!).Select(f => (string)f!).ToArray())).ToArray();
            var entries = ((JsonObject?)o["entries"] ?? new JsonObject()).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
            var producer = ((JsonObject?)o["producer"] ?? new JsonObject()).ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal);
            return new PackageManifest(
                formatVersion, (int?)o["min_reader_version"] ?? 1, (string)o["name"]!, (string)o["version"]!,
                DateTimeOffset.Parse((string)o["created"]!, System.Globalization.CultureInfo.InvariantCulture),
                producer, (string?)o["training_data_sha256"], components, entries);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException or InvalidCastException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"manifest.json is malformed: {ex.Message}", location, ex);
        }
    }

    private static void RefuseUnknownKeys(JsonObject manifest, string location)
    {
        var unknown = manifest.Select(p => p.Key).Where(k => !Keys.Contains(k))
            .Concat(((manifest["components"] as JsonArray) ?? []).OfType<JsonObject>().SelectMany(c => c.Select(p => p.Key)).Where(k => !ComponentKeys.Contains(k)).Select(k => $"components[].{k}"))
            .Distinct().ToArray();
        if (unknown.Length > 0)
            throw new TextMiningException(ErrorCodes.PackageMalformed,
                $"manifest.json has {string.Join(", ", unknown.Select(k => $"'{k}'"))}, which its format does not define (known: {string.Join(", ", Keys)}; components: {string.Join(", ", ComponentKeys)}): the package was altered", location);
    }
}
