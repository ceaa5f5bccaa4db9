using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;

namespace Asclepius.TextMining.Core.Schema;

/// <summary>
/// The labels a model knows. Loaded strictly: an unknown key, a duplicate label or a relation pair that
/// names an undefined entity label is an error that lists what is allowed.
/// JSON layout (version 1):
/// { "name": "chemical-disease", "version": 1,
///   "entities":  [ { "label": "Chemical", "description": "...", "lexicon": "lexicons/chemicals.tsv" } ],
///   "relations": [ { "label": "CID", "description": "...", "pairs": [["Chemical","Disease"]] } ] }
/// </summary>
public sealed class LabelSchema
{
    public LabelSchema(string name, IReadOnlyList<EntityType> entities, IReadOnlyList<RelationType>? relations = null, int version = 1, string description = "")
    {
        Name = name;
        Version = version;
        Description = description;
        Entities = entities;
        Relations = relations ?? Array.Empty<RelationType>();
        Validate(this, name);
    }

    public string Name { get; }
    public int Version { get; }
    public string Description { get; }
    public IReadOnlyList<EntityType> Entities { get; }
    public IReadOnlyList<RelationType> Relations { get; }

    public IEnumerable<string> EntityLabels => Entities.Select(e => e.Label);
    public IEnumerable<string> RelationLabels => Relations.Select(r => r.Label);

    public bool HasEntity(string label) => Entities.Any(e => e.Label == label);
    public RelationType? FindRelation(string label) => Relations.FirstOrDefault(r => r.Label == label);

    /// <summary>All relation labels allowed from a head label to a tail label.</summary>
    public IEnumerable<string> RelationsAllowed(string headLabel, string tailLabel) =>
        Relations.Where(r => r.Allows(headLabel, tailLabel)).Select(r => r.Label);

    /// <summary>A schema with the given entity labels and no relations (for corpora that carry no schema).</summary>
    public static LabelSchema FromLabels(IEnumerable<string> entityLabels, IEnumerable<RelationType>? relations = null) =>
        new("inferred", entityLabels.Distinct().OrderBy(l => l, StringComparer.Ordinal).Select(l => new EntityType(l)).ToArray(), relations?.ToArray());

    public static LabelSchema Load(string path)
        => Parse(StrictJson.ReadFile(path), path);

    public static LabelSchema Parse(string json, string location = "schema")
    {
        // Unknown and duplicate keys, wrong types and bad JSON: System.Text.Json through StrictJson (ATM201 here).
        var file = StrictJson.Deserialize<LabelSchemaJson>(json, location, ErrorCodes.SchemaInvalid);
        var name = RequiredString(file.Name, "name", location);
        if (file.Entities is not { Count: > 0 } ents) throw Fail("'entities' must be a non-empty array", location);
        var entities = new List<EntityType>();
        for (var i = 0; i < ents.Count; i++)
        {
            var where = $"{location}: entities[{i}]";
            entities.Add(ReadEntity(ents[i] ?? throw Fail("each entity must be an object", where), where));
        }

        var relations = new List<RelationType>();
        for (var i = 0; i < (file.Relations?.Count ?? 0); i++)
        {
            var where = $"{location}: relations[{i}]";
            var r = file.Relations![i] ?? throw Fail("each relation must be an object", where);
            var label = RequiredString(r.Label, "label", where);
            if (r.Pairs is not { Count: > 0 } pairs)
                throw Fail($"relation '{label}' needs a non-empty 'pairs' array of [head, tail] labels", where);
            var list = new List<(string, string)>();
            foreach (var pa in pairs)
            {
                if (pa is not { Count: 2 } || pa[0] is null || pa[1] is null)
                    throw Fail($"relation '{label}': each pair must be [\"HeadLabel\", \"TailLabel\"]", where);
                list.Add((pa[0]!, pa[1]!));
            }
            relations.Add(new RelationType(label, list, r.Description ?? ""));
        }

        return new LabelSchema(name, entities, relations, file.Version ?? 1, file.Description ?? "");
    }

    private static EntityType ReadEntity(EntityTypeJson e, string where)
    {
        var label = RequiredString(e.Label, "label", where);
        var lexicon = e.Lexicon;
        var only = Strings(e.LexiconClasses, "lexicon_classes", where);
        var except = Strings(e.LexiconExcludeClasses, "lexicon_exclude_classes", where);
        var seeds = e.Seeds;
        if (seeds is not null && seeds != "model")
            throw Fail($"entity '{label}': 'seeds' may only be \"model\" (the model picks the mentions of a label without a lexicon)", where);
        if (seeds is not null && lexicon is not null) throw Fail($"entity '{label}': 'seeds': \"model\" is for a label without a lexicon", where);
        if ((only is not null || except is not null) && lexicon is null) throw Fail($"entity '{label}': lexicon classes need a 'lexicon'", where);
        if (only is not null && except is not null) throw Fail($"entity '{label}': give 'lexicon_classes' or 'lexicon_exclude_classes', not both", where);
        return new EntityType(label, e.Description ?? "", lexicon, only, except, seeds is not null);
    }

    private static IReadOnlyList<string>? Strings(IReadOnlyList<string?>? values, string key, string where)
    {
        if (values is null) return null;
        if (values.Count == 0 || values.Any(v => v is null))
            throw Fail($"'{key}' must be a non-empty array of class names", where);
        return values!;
    }

    public string ToJson()
    {
        var obj = new JsonObject
        {
            ["name"] = Name,
            ["version"] = Version,
            ["description"] = Description,
            ["entities"] = new JsonArray(Entities.Select(e =>
            {
                var o = new JsonObject { ["label"] = e.Label, ["description"] = e.Description };
                if (e.Lexicon is not null) o["lexicon"] = e.Lexicon;
                if (e.LexiconClasses is { } only) o["lexicon_classes"] = new JsonArray(only.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
                if (e.ExcludedLexiconClasses is { } except) o["lexicon_exclude_classes"] = new JsonArray(except.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
                if (e.ModelChoosesSeeds) o["seeds"] = "model";
                return (JsonNode)o;
            }).ToArray()),
            ["relations"] = new JsonArray(Relations.Select(r => (JsonNode)new JsonObject
            {
                ["label"] = r.Label,
                ["description"] = r.Description,
                ["pairs"] = new JsonArray(r.Pairs.Select(p => (JsonNode)new JsonArray(p.Head, p.Tail)).ToArray()),
            }).ToArray()),
        };
        return obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Validate(LabelSchema schema, string location)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in schema.Entities)
        {
            if (string.IsNullOrWhiteSpace(e.Label)) throw Fail("an entity label is empty", location);
            if (!seen.Add(e.Label)) throw Fail($"entity label '{e.Label}' is defined twice", location);
        }
        var relSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in schema.Relations)
        {
            if (string.IsNullOrWhiteSpace(r.Label)) throw Fail("a relation label is empty", location);
            if (!relSeen.Add(r.Label)) throw Fail($"relation label '{r.Label}' is defined twice", location);
            foreach (var (h, t) in r.Pairs)
                foreach (var l in new[] { h, t })
                    if (!seen.Contains(l))
                        throw Fail($"relation '{r.Label}' names entity label '{l}', which is not defined; defined labels: {string.Join(", ", seen)}", location);
        }
    }

    private static string RequiredString(string? value, string key, string location)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value;
        throw Fail($"'{key}' is required and must be a non-empty string", location);
    }

    private static TextMiningException Fail(string message, string location) =>
        new(ErrorCodes.SchemaInvalid, message, location);
}
