using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// data/styles/styles.json: { "styles": [ { "id", "name", "description", "example"? } ] }.
/// Loaded strictly: unknown keys are errors that list the allowed ones.
/// </summary>
public static class StyleCatalog
{
    private static readonly string[] TopKeys = ["styles"];
    private static readonly string[] StyleKeys = ["id", "name", "description", "example"];

    public static IReadOnlyList<WritingStyle> Load(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "styles file not found", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<WritingStyle> Parse(string json, string location = "styles.json")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException ex) { throw new TextMiningException(ErrorCodes.MalformedRecord, $"not valid JSON: {ex.Message}", location, ex); }
        if (root is not JsonObject obj) throw new TextMiningException(ErrorCodes.MalformedRecord, "must be a JSON object with a 'styles' array", location);
        CheckKeys(obj, TopKeys, location);
        if (obj["styles"] is not JsonArray arr || arr.Count == 0) throw new TextMiningException(ErrorCodes.MalformedRecord, "'styles' must be a non-empty array", location);
        var styles = new List<WritingStyle>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < arr.Count; i++)
        {
            var where = $"{location}: styles[{i}]";
            if (arr[i] is not JsonObject s) throw new TextMiningException(ErrorCodes.MalformedRecord, "each style must be an object", where);
            CheckKeys(s, StyleKeys, where);
            var id = Str(s, "id", where, required: true)!;
            if (!ids.Add(id)) throw new TextMiningException(ErrorCodes.DuplicateId, $"style id '{id}' appears twice", where);
            styles.Add(new WritingStyle(id, Str(s, "name", where, required: true)!, Str(s, "description", where, required: true)!, Str(s, "example", where, required: false)));
        }
        return styles;
    }

    private static string? Str(JsonObject o, string key, string where, bool required)
    {
        if (o[key] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s)) return s;
        if (required || o[key] is not null) throw new TextMiningException(ErrorCodes.MalformedRecord, $"'{key}' must be a non-empty string", where);
        return null;
    }

    private static void CheckKeys(JsonObject obj, string[] allowed, string where)
    {
        foreach (var (key, _) in obj)
            if (!allowed.Contains(key))
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"unknown key '{key}'; allowed keys: {string.Join(", ", allowed)}", where);
    }
}
