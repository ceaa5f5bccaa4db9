using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// What Link.Dictionary.v1 links and how sure it must be (component file <c>linker.json</c>):
/// <code>
/// { "threshold": 0.7,                                    // 3-gram cosine below this: no concept
///   "labels": { "Chemical": { "domains": ["Drug"], "vocabularies": [] },
///               "Disease":  { "domains": ["Condition"] } } }
/// </code>
/// A label not listed is not linked; the key "*" serves every label not listed. Exact normalized matches
/// always link (score 1). Read strictly: an unknown key is an error that lists the allowed ones.
/// </summary>
public sealed record LinkerOptions(double Threshold, IReadOnlyDictionary<string, LabelScope> Labels)
{
    public const string FileName = "linker.json";
    public const string AnyLabel = "*";

    /// <summary>OMOP's domains for the labels this project's models produce.</summary>
    public static LinkerOptions Default { get; } = new(0.7, new Dictionary<string, LabelScope>(StringComparer.Ordinal)
    {
        ["Chemical"] = new(["Drug"], []),
        ["Drug"] = new(["Drug"], []),
        ["Disease"] = new(["Condition"], []),
        ["Problem"] = new(["Condition", "Observation"], []),
        ["AdverseEffect"] = new(["Condition"], []),
        ["Treatment"] = new(["Drug", "Procedure", "Device"], []),
        ["Test"] = new(["Measurement", "Procedure"], []),
        ["Procedure"] = new(["Procedure"], []),
    });

    public LabelScope? ScopeOf(string label) =>
        Labels.TryGetValue(label, out var s) ? s : Labels.TryGetValue(AnyLabel, out var any) ? any : null;

    /// <summary>Every domain some label may use; null when a label takes any domain.</summary>
    public IReadOnlySet<string>? AllDomains() =>
        Labels.Values.Any(s => s.Domains.Count == 0) ? null : Labels.Values.SelectMany(s => s.Domains).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public LinkerOptions WithThreshold(double threshold) => this with { Threshold = threshold };

    public byte[] ToBytes()
    {
        var labels = new JsonObject();
        foreach (var (label, scope) in Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            labels[label] = new JsonObject
            {
                ["domains"] = new JsonArray(scope.Domains.Select(d => (JsonNode)d).ToArray()),
                ["vocabularies"] = new JsonArray(scope.Vocabularies.Select(v => (JsonNode)v).ToArray()),
            };
        var o = new JsonObject { ["threshold"] = Math.Round(Threshold, 4), ["labels"] = labels };
        return Encoding.UTF8.GetBytes(o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static LinkerOptions Load(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.VocabularyInvalid, "linker options file does not exist", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static LinkerOptions Parse(string json, string location)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Fail($"not valid JSON: {ex.Message}", location);
        }
        if (root.ValueKind != JsonValueKind.Object) throw Fail("the file must hold one JSON object", location);
        CheckKeys(root, ["threshold", "labels"], location);
        var threshold = Default.Threshold;
        if (root.TryGetProperty("threshold", out var t))
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetDouble(out threshold) || threshold < 0 || threshold > 1)
                throw Fail("'threshold' must be a number in [0, 1]", location);
        }
        var labels = new Dictionary<string, LabelScope>(StringComparer.Ordinal);
        if (root.TryGetProperty("labels", out var l))
        {
            if (l.ValueKind != JsonValueKind.Object) throw Fail("'labels' must be an object: label → { domains, vocabularies }", location);
            foreach (var p in l.EnumerateObject())
            {
                var where = $"{location}: labels.{p.Name}";
                if (p.Value.ValueKind != JsonValueKind.Object) throw Fail("must be an object { domains, vocabularies }", where);
                CheckKeys(p.Value, ["domains", "vocabularies"], where);
                labels[p.Name] = new LabelScope(Strings(p.Value, "domains", where), Strings(p.Value, "vocabularies", where));
            }
        }
        else
        {
            labels = new Dictionary<string, LabelScope>(Default.Labels, StringComparer.Ordinal);
        }
        return new LinkerOptions(threshold, labels);
    }

    private static string[] Strings(JsonElement obj, string key, string location)
    {
        if (!obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(x.GetString())))
            throw Fail($"'{key}' must be an array of non-empty strings", location);
        return v.EnumerateArray().Select(x => x.GetString()!).ToArray();
    }

    private static void CheckKeys(JsonElement obj, string[] allowed, string location)
    {
        foreach (var p in obj.EnumerateObject())
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
                throw Fail($"unknown key '{p.Name}'; allowed keys: {string.Join(", ", allowed)}", location);
    }

    private static TextMiningException Fail(string reason, string location) => new(ErrorCodes.VocabularyInvalid, reason, location);

    public override string ToString() =>
        $"threshold {Threshold.ToString("0.###", CultureInfo.InvariantCulture)}, labels {string.Join(", ", Labels.Keys.Order(StringComparer.Ordinal))}";
}
