using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Rules;

/// <summary>
/// Strict reading of rule files (medspaCy habit: rules are data, validated hard). A file is read by
/// System.Text.Json into a typed record (snake_case keys) that refuses unknown keys
/// (<see cref="JsonUnmappedMemberHandling.Disallow"/>), duplicate keys, comments and trailing commas. Every
/// failure is an ATM203 that names the file and the rule ("context.json: rules[12]") and, for an unknown key,
/// lists the allowed ones, so a typo such as "directon" is never silently ignored.
/// </summary>
/// <remarks>
/// What System.Text.Json does not say, kept here: its exception for an unknown key names the key and the path
/// but not the keys allowed there, and its messages name .NET types ("could not be converted to Rule"). So
/// <see cref="Explain"/> reads the path of the exception, walks the record's JSON contract to the object it
/// points into, and words the error as before (the allowed keys are that contract's property names; a record with
/// [Description("relation")] is named: "unknown key 'why' in a relation"; a [JsonRequired] key that is absent is
/// "missing key 'x'", listing the required keys). The kind
/// of failure is told by the exception's message (unknown, duplicate or missing key, wrong type; anything else is a
/// syntax error); a newer runtime that rewords those messages makes the error generic, never silent. Values
/// (non-empty strings, ranges, required lists) are checked after reading by the helpers below.
/// </remarks>
public static partial class StrictJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>
    /// Reads a JSON file into <typeparamref name="T"/>; every failure is <paramref name="code"/> (ATM203 for rule
    /// files) naming where. Other strictly read data files (styles, say) pass their own code.
    /// </summary>
    public static T Deserialize<T>(string json, string location, string code = ErrorCodes.RulesInvalid) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new TextMiningException(code, "the file must hold one JSON object", location);
        }
        catch (JsonException ex)
        {
            var e = Explain(ex, typeof(T), location);
            throw new TextMiningException(code, e.Reason, e.Location ?? location, ex);
        }
    }

    public static TextMiningException Fail(string reason, string location) =>
        new(ErrorCodes.RulesInvalid, reason, location);

    public static string Required(string? value, string key, string location)
    {
        if (string.IsNullOrWhiteSpace(value)) throw Fail($"'{key}' is required and must be a non-empty string", location);
        return value;
    }

    public static int? InRange(int? value, string key, string location, int min, int max)
    {
        if (value is { } n && (n < min || n > max)) throw Fail($"'{key}' must be between {min} and {max}, not {n}", location);
        return value;
    }

    public static IReadOnlyList<string> Strings(IReadOnlyList<string?>? list, string key, string location, bool required = false)
    {
        if (list is null)
        {
            if (required) throw Fail($"'{key}' is required and must be an array of strings", location);
            return [];
        }
        for (var i = 0; i < list.Count; i++)
            if (string.IsNullOrWhiteSpace(list[i])) throw Fail($"'{key}[{i}]' must be a non-empty string", location);
        if (required && list.Count == 0) throw Fail($"'{key}' must not be empty", location);
        return list!;
    }

    public static IEnumerable<(int Index, T Item)> Objects<T>(IReadOnlyList<T?>? list, string key, string location) where T : class
    {
        if (list is null) throw Fail($"'{key}' is required and must be an array of objects", location);
        for (var i = 0; i < list.Count; i++)
            yield return (i, list[i] ?? throw Fail($"'{key}[{i}]' must be an object", location));
    }

    /// <summary>Checks the "format" and "version" every rule file starts with.</summary>
    public static void CheckHeader(string? format, int? version, string expected, int newestVersion, string location)
    {
        var f = Required(format, "format", location);
        if (f != expected) throw Fail($"'format' must be '{expected}', not '{f}'", location);
        var v = InRange(version, "version", location, 1, int.MaxValue) ?? throw Fail("'version' is required", location);
        if (v > newestVersion)
            throw Fail($"rules version {v} is newer than this build reads ({newestVersion}): upgrade Asclepius.TextMining", location);
    }

    /// <summary>The text of a strict JSON file on disk; one that cannot be read is <see cref="ErrorCodes.UnreadableInput"/> naming it.</summary>
    public static string ReadFile(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TextMiningException(ErrorCodes.UnreadableInput, ex.Message, path, ex);
        }
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

    /// <summary>
    /// The key System.Text.Json refused as unknown (<see cref="JsonUnmappedMemberHandling.Disallow"/>), or null when
    /// <paramref name="ex"/> is another failure. Told by the exception's message, as <see cref="Explain"/> does.
    /// </summary>
    public static string? UnknownKey(JsonException ex) => IsUnmapped(ex) && Segments(ex) is { Count: > 0 } segments ? segments[^1] : null;

    private static bool IsUnmapped(JsonException ex) =>
        ex.Message.StartsWith("The JSON property '", StringComparison.Ordinal) && ex.Message.Contains("could not be mapped", StringComparison.Ordinal);

    private static List<string> Segments(JsonException ex) =>
        PathSegment().Matches(ex.Path ?? "$").Select(m => m.Groups["name"].Success ? m.Groups["name"].Value
            : m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("''", "'") : $"[{m.Groups["index"].Value}]").ToList();

    private static TextMiningException Explain(JsonException ex, Type root, string location)
    {
        var segments = Segments(ex);
        var message = ex.Message;
        if (IsUnmapped(ex) && segments.Count > 0)
        {
            var container = Walk(root, segments.SkipLast(1));
            var allowed = container is null ? "" : string.Join(", ", Options.GetTypeInfo(container).Properties.Select(p => p.Name));
            return Fail($"unknown key '{segments[^1]}'{InA(container)}; allowed keys: {allowed}", Where(location, segments.SkipLast(1)));
        }
        if (message.StartsWith("JSON deserialization for type '", StringComparison.Ordinal) && MissingKeys().Match(message) is { Success: true } missing)
        {
            // [JsonRequired] members: the path points at the object that lacks them.
            var container = Walk(root, segments);
            var required = container is null ? "" : string.Join(", ", Options.GetTypeInfo(container).Properties.Where(p => p.IsRequired).Select(p => p.Name));
            return Fail($"missing key '{missing.Groups["key"].Value}'{InA(container)}; required keys: {required}", Where(location, segments));
        }
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal) && segments.Count > 0) // "property 'x'" (objects), "properties" (dictionaries)
            return Fail($"key '{segments[^1]}' appears twice", Where(location, segments.SkipLast(1)));
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            if (segments.Count == 0) return Fail("the file must hold one JSON object", location);
            var kind = Walk(root, segments) is { } target ? Kind(target) : "another type";
            // The key is named with its index when it is an element ("terminates[1]"), inside the object that holds it.
            var objectDepth = segments.FindLastIndex(s => !s.StartsWith('[')) is var last and > 0 ? last : 0;
            var key = string.Concat(segments.Skip(objectDepth).Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));
            return Fail($"'{key}' must be {kind}", Where(location, segments.Take(objectDepth)));
        }
        var where = ex.LineNumber is { } line ? $"{location}:{line + 1}" : location;
        return Fail($"not valid JSON: {message}", where);
    }

    /// <summary>" in a relation" for a record that says what it is with [Description("relation")], else nothing.</summary>
    private static string InA(Type? record) =>
        record?.GetCustomAttribute<DescriptionAttribute>()?.Description is { Length: > 0 } what ? $" in a {what}" : "";

    private static string Where(string location, IEnumerable<string> segments)
    {
        var path = string.Concat(segments.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));
        return path.Length == 0 ? location : $"{location}: {path}";
    }

    /// <summary>The type at a path of the contract of <paramref name="root"/>, or null where the path leaves it.</summary>
    private static Type? Walk(Type root, IEnumerable<string> segments)
    {
        Type? t = root;
        foreach (var s in segments)
        {
            if (t is null) return null;
            var info = Options.GetTypeInfo(Nullable.GetUnderlyingType(t) ?? t);
            t = s.StartsWith('[') || info.Kind == JsonTypeInfoKind.Dictionary ? info.ElementType : info.Properties.FirstOrDefault(p => p.Name == s)?.PropertyType;
        }
        return t is null ? null : Nullable.GetUnderlyingType(t) ?? t;
    }

    private static string Kind(Type t)
    {
        if (t == typeof(string)) return "a string";
        if (t == typeof(int) || t == typeof(long)) return "a whole number";
        if (t == typeof(double)) return "a number";
        if (t == typeof(bool)) return "true or false";
        var info = Options.GetTypeInfo(t);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable when info.ElementType == typeof(string) => "an array of strings",
            JsonTypeInfoKind.Enumerable => "an array of objects",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ => $"a {t.Name}",
        };
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"missing required properties including: '(?<key>[^']*)'")]
    private static partial Regex MissingKeys();
}
