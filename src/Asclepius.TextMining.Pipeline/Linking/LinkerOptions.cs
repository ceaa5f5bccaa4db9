using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;

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
        // Unknown and duplicate keys, wrong types and bad JSON: System.Text.Json through StrictJson (ATM code of vocabularies here).
        var file = StrictJson.Deserialize<LinkerOptionsJson>(json, location, ErrorCodes.VocabularyInvalid);
        var threshold = file.Threshold ?? Default.Threshold;
        if (double.IsNaN(threshold) || threshold < 0 || threshold > 1) throw Fail("'threshold' must be a number in [0, 1]", location);
        Dictionary<string, LabelScope> labels;
        if (file.Labels is { } given)
        {
            labels = new Dictionary<string, LabelScope>(StringComparer.Ordinal);
            foreach (var (label, scope) in given)
            {
                var where = $"{location}: labels.{label}";
                if (scope is null) throw Fail("must be an object { domains, vocabularies }", where);
                labels[label] = new LabelScope(Strings(scope.Domains, "domains", where), Strings(scope.Vocabularies, "vocabularies", where));
            }
        }
        else
        {
            labels = new Dictionary<string, LabelScope>(Default.Labels, StringComparer.Ordinal);
        }
        return new LinkerOptions(threshold, labels);
    }

    private static string[] Strings(IReadOnlyList<string?>? values, string key, string location)
    {
        if (values is null) return [];
        if (values.Any(string.IsNullOrWhiteSpace)) throw Fail($"'{key}' must be an array of non-empty strings", location);
        return values.Select(v => v!).ToArray();
    }

    private static TextMiningException Fail(string reason, string location) => new(ErrorCodes.VocabularyInvalid, reason, location);

    public override string ToString() =>
        $"threshold {Threshold.ToString("0.###", CultureInfo.InvariantCulture)}, labels {string.Join(", ", Labels.Keys.Order(StringComparer.Ordinal))}";
}
