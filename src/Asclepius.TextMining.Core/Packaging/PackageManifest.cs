using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// manifest.json of a model package. Layout (format version 1; readers accept older versions, and refuse
/// a package whose min_reader_version is newer than theirs):
/// {
///   "format": "asclepius-model", "format_version": 1, "min_reader_version": 1,
///   "name": "bc5cdr-ner", "version": "3f2a9c1b7d4e",          // version = content hash of the entries
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

    public JsonObject ToJson() => new()
    {
        ["format"] = FormatName,
        ["format_version"] = FormatVersion,
        ["min_reader_version"] = MinReaderVersion,
        ["name"] = Name,
        ["version"] = Version,
        ["created"] = Created.ToString("yyyy-MM-ddTHH:mm:ssZ"),
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
            var components = ((JsonArray?)o["components"] ?? new JsonArray()).Select(c => new PackageComponent(
                (string)c!["name"]!, (string)c["kind"]!, ((JsonArray)c["files"]!).Select(f => (string)f!).ToArray())).ToArray();
            var entries = ((JsonObject?)o["entries"] ?? new JsonObject()).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
            var producer = ((JsonObject?)o["producer"] ?? new JsonObject()).ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal);
            return new PackageManifest(
                (int)o["format_version"]!, (int?)o["min_reader_version"] ?? 1, (string)o["name"]!, (string)o["version"]!,
                DateTimeOffset.Parse((string)o["created"]!, System.Globalization.CultureInfo.InvariantCulture),
                producer, (string?)o["training_data_sha256"], components, entries);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException or InvalidCastException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"manifest.json is malformed: {ex.Message}", location, ex);
        }
    }
}
