using System.Text.Json;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Rules;

/// <summary>
/// Strict reading of rule files (medspaCy habit: rules are data, validated hard). Every failure is an
/// ATM203 that names the file and the rule ("context.json: rules[12]") and, for an unknown key, lists the
/// allowed ones, so a typo such as "directon" is never silently ignored.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static JsonElement ParseObject(string json, string location)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Fail("the file must hold one JSON object", location);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{location}:{line + 1}" : location;
            throw Fail($"not valid JSON: {ex.Message}", where);
        }
    }

    public static TextMiningException Fail(string reason, string location) =>
        new(ErrorCodes.RulesInvalid, reason, location);

    public static void CheckKeys(JsonElement obj, IReadOnlyCollection<string> allowed, string location)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
                throw Fail($"unknown key '{p.Name}'; allowed keys: {string.Join(", ", allowed)}", location);
            if (!seen.Add(p.Name)) throw Fail($"key '{p.Name}' appears twice", location);
        }
    }

    public static string RequiredString(JsonElement obj, string key, string location)
    {
        var s = OptionalString(obj, key, location);
        if (string.IsNullOrWhiteSpace(s)) throw Fail($"'{key}' is required and must be a non-empty string", location);
        return s;
    }

    public static string? OptionalString(JsonElement obj, string key, string location)
    {
        if (!obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw Fail($"'{key}' must be a string, not {v.ValueKind.ToString().ToLowerInvariant()}", location);
        return v.GetString();
    }

    public static int? OptionalInt(JsonElement obj, string key, string location, int min, int max)
    {
        if (!obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
            throw Fail($"'{key}' must be a whole number", location);
        if (n < min || n > max) throw Fail($"'{key}' must be between {min} and {max}, not {n}", location);
        return n;
    }

    public static IReadOnlyList<string> StringArray(JsonElement obj, string key, string location, bool required = false)
    {
        if (!obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) throw Fail($"'{key}' is required and must be an array of strings", location);
            return Array.Empty<string>();
        }
        if (v.ValueKind != JsonValueKind.Array) throw Fail($"'{key}' must be an array of strings", location);
        var list = new List<string>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                throw Fail($"'{key}[{i}]' must be a non-empty string", location);
            list.Add(item.GetString()!);
            i++;
        }
        if (required && list.Count == 0) throw Fail($"'{key}' must not be empty", location);
        return list;
    }

    public static IEnumerable<(int Index, JsonElement Item)> ObjectArray(JsonElement obj, string key, string location)
    {
        if (!obj.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.Array)
            throw Fail($"'{key}' is required and must be an array of objects", location);
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw Fail($"'{key}[{i}]' must be an object", location);
            yield return (i, item);
            i++;
        }
    }

    /// <summary>Checks the "format" and "version" every rule file starts with.</summary>
    public static void CheckHeader(JsonElement root, string format, int newestVersion, string location)
    {
        var f = RequiredString(root, "format", location);
        if (f != format) throw Fail($"'format' must be '{format}', not '{f}'", location);
        var version = OptionalInt(root, "version", location, 1, int.MaxValue)
                      ?? throw Fail("'version' is required", location);
        if (version > newestVersion)
            throw Fail($"rules version {version} is newer than this build reads ({newestVersion}): upgrade Asclepius.TextMining", location);
    }

    /// <summary>The text of a rule file shipped with the library (data/rules/*.json, embedded at build time).</summary>
    public static string ReadEmbedded(string fileName)
    {
        var asm = typeof(StrictJson).Assembly;
        var name = $"Asclepius.TextMining.Core.Rules.{fileName}";
        using var s = asm.GetManifestResourceStream(name)
                      ?? throw new InvalidOperationException($"embedded rule file {name} is missing from the build");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
