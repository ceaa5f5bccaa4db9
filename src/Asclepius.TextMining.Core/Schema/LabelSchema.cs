using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

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
    private static readonly string[] TopKeys = ["name", "version", "description", "entities", "relations"];
    private static readonly string[] EntityKeys = ["label", "description", "lexicon", "lexicon_classes", "lexicon_exclude_classes", "seeds"];
    private static readonly string[] RelationKeys = ["label", "description", "pairs"];

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
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (IOException ex) { throw new TextMiningException(ErrorCodes.UnreadableInput, ex.Message, path, ex); }
        return Parse(json, path);
    }

    public static LabelSchema Parse(string json, string location = "schema")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException ex) { throw Fail($"not valid JSON: {ex.Message}", location); }
        if (root is not JsonObject obj) throw Fail("the schema must be a JSON object", location);
        CheckKeys(obj, TopKeys, location);

        var name = RequiredString(obj, "name", location);
        var version = obj["version"] is JsonValue v && v.TryGetValue(out int ver) ? ver : 1;
        var description = obj["description"]?.GetValue<string>() ?? "";

        if (obj["entities"] is not JsonArray ents || ents.Count == 0)
            throw Fail("'entities' must be a non-empty array", location);
        var entities = new List<EntityType>();
        for (var i = 0; i < ents.Count; i++)
        {
            var where = $"{location}: entities[{i}]";
            if (ents[i] is not JsonObject e) throw Fail("each entity must be an object", where);
            CheckKeys(e, EntityKeys, where);
            entities.Add(ReadEntity(e, where));
        }

        var relations = new List<RelationType>();
        if (obj["relations"] is JsonArray rels)
        {
            for (var i = 0; i < rels.Count; i++)
            {
                var where = $"{location}: relations[{i}]";
                if (rels[i] is not JsonObject r) throw Fail("each relation must be an object", where);
                CheckKeys(r, RelationKeys, where);
                var label = RequiredString(r, "label", where);
                if (r["pairs"] is not JsonArray pairs || pairs.Count == 0)
                    throw Fail($"relation '{label}' needs a non-empty 'pairs' array of [head, tail] labels", where);
                var list = new List<(string, string)>();
                foreach (var p in pairs)
                {
                    if (p is not JsonArray pa || pa.Count != 2 || pa[0] is not JsonValue || pa[1] is not JsonValue)
                        throw Fail($"relation '{label}': each pair must be [\"HeadLabel\", \"TailLabel\"]", where);
                    list.Add((pa[0]!.GetValue<string>(), pa[1]!.GetValue<string>()));
                }
                relations.Add(new RelationType(label, list, r["description"]?.GetValue<string>() ?? ""));
            }
        }
        else if (obj["relations"] is not null)
        {
            throw Fail("'relations' must be an array", location);
        }

        return new LabelSchema(name, entities, relations, version, description);
    }

    private static EntityType ReadEntity(JsonObject e, string where)
    {
        var label = RequiredString(e, "label", where);
        var lexicon = e["lexicon"]?.GetValue<string>();
        var only = Strings(e, "lexicon_classes", where);
        var except = Strings(e, "lexicon_exclude_classes", where);
        var seeds = e["seeds"] is JsonValue sv && sv.TryGetValue(out string? s) ? s : e["seeds"] is null ? null : "";
        if (seeds is not null && seeds != "model")
            throw Fail($"entity '{label}': 'seeds' may only be \"model\" (the model picks the mentions of a label without a lexicon)", where);
        if (seeds is not null && lexicon is not null) throw Fail($"entity '{label}': 'seeds': \"model\" is for a label without a lexicon", where);
        if ((only is not null || except is not null) && lexicon is null) throw Fail($"entity '{label}': lexicon classes need a 'lexicon'", where);
        if (only is not null && except is not null) throw Fail($"entity '{label}': give 'lexicon_classes' or 'lexicon_exclude_classes', not both", where);
        return new EntityType(label, e["description"]?.GetValue<string>() ?? "", lexicon, only, except, seeds is not null);
    }

    private static IReadOnlyList<string>? Strings(JsonObject o, string key, string where)
    {
        if (o[key] is null) return null;
        if (o[key] is not JsonArray a || a.Count == 0 || a.Any(x => x is not JsonValue v || !v.TryGetValue(out string? _)))
            throw Fail($"'{key}' must be a non-empty array of class names", where);
        return a.Select(x => x!.GetValue<string>()).ToArray();
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

    private static void CheckKeys(JsonObject obj, string[] allowed, string location)
    {
        foreach (var (key, _) in obj)
            if (!allowed.Contains(key))
                throw Fail($"unknown key '{key}'; allowed keys: {string.Join(", ", allowed)}", location);
    }

    private static string RequiredString(JsonObject obj, string key, string location)
    {
        if (obj[key] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s)) return s;
        throw Fail($"'{key}' is required and must be a non-empty string", location);
    }

    private static TextMiningException Fail(string message, string location) =>
        new(ErrorCodes.SchemaInvalid, message, location);
}
