using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// data/styles/styles.json: { "styles": [ { "id", "name", "description", "example"? } ] }.
/// Loaded strictly: unknown keys are errors that list the allowed ones.
/// </summary>
public static class StyleCatalog
{
    public static IReadOnlyList<WritingStyle> Load(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "styles file not found", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<WritingStyle> Parse(string json, string location = "styles.json")
    {
        // Unknown and duplicate keys, wrong types and bad JSON: System.Text.Json through StrictJson (ATM101 here).
        var file = StrictJson.Deserialize<StylesJson>(json, location, ErrorCodes.MalformedRecord);
        if (file.Styles is not { Count: > 0 } list) throw new TextMiningException(ErrorCodes.MalformedRecord, "'styles' must be a non-empty array", location);
        var styles = new List<WritingStyle>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"{location}: styles[{i}]";
            var s = list[i] ?? throw new TextMiningException(ErrorCodes.MalformedRecord, "each style must be an object", where);
            var id = Str(s.Id, "id", where, required: true)!;
            if (!ids.Add(id)) throw new TextMiningException(ErrorCodes.DuplicateId, $"style id '{id}' appears twice", where);
            styles.Add(new WritingStyle(id, Str(s.Name, "name", where, required: true)!, Str(s.Description, "description", where, required: true)!, Str(s.Example, "example", where, required: false)));
        }
        return styles;
    }

    private static string? Str(string? value, string key, string where, bool required)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value;
        if (required || value is not null) throw new TextMiningException(ErrorCodes.MalformedRecord, $"'{key}' must be a non-empty string", where);
        return null;
    }
}
