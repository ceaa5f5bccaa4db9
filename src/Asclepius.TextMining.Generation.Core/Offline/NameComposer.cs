using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// data/compose/&lt;schema&gt;.json: names composed from parts, added to an entity label's concepts as class
/// "composed". Lexicon names are what the hand-written lexicons (and a model's lexicon features) know; real
/// text is full of names they do not know. Composed names ("hepatic fibrosis", "ableazole") teach a model to
/// recognise a mention from its shape, its parts and its context, not from having seen it in a lexicon.
/// Layout: <c>{ "LABEL": { "count": N, "seed": S, "parts": [["hepatic", "renal"], [" "], ["necrosis", "fibrosis"]] } }</c>,
/// or for a label an array of such composers (their names joined in order, duplicates dropped);
/// a name is one item of each part list, concatenated. Composition is deterministic (seed); names that are
/// a surface of any lexicon are skipped. Loaded strictly: unknown keys and labels are errors naming the file.
/// </summary>
public static class NameComposer
{
    public const string Class = "composed";

    /// <summary>Label → composed names, or an empty map when the schema has no compose file.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Load(string path, LabelSchema schema, IReadOnlySet<string> knownSurfaces)
    {
        if (!File.Exists(path)) return new Dictionary<string, IReadOnlyList<string>>();
        // The labels are read here (a label's value may be an object or an array); each composer is then read as a
        // ComposeSpecJson through StrictJson (ATM101: unknown and duplicate keys, naming the label and index).
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(StrictJson.ReadFile(path));
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new TextMiningException(ErrorCodes.MalformedRecord, $"not valid JSON: {ex.Message}", path, ex);
        }
        if (root.ValueKind != JsonValueKind.Object) throw Fail("must be a JSON object of entity labels", path);

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var (label, value) = (property.Name, property.Value);
            if (result.ContainsKey(label)) throw Fail($"key '{label}' appears twice", path);
            if (!schema.HasEntity(label))
                throw new TextMiningException(ErrorCodes.LabelNotInSchema, $"unknown label '{label}'; schema '{schema.Name}' has: {string.Join(", ", schema.EntityLabels)}", path);
            // One composer, or an array of them whose names are joined in order ("organ + process" and
            // "site + symptom" are different shapes of disease name; one parts list cannot make both).
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0) throw Fail("must be a composer object or a non-empty array of them", $"{path}: {label}");
            var composers = value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select((c, i) => (c, $"{path}: {label}[{i}]")).ToList()
                : [(value, $"{path}: {label}")];
            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (composer, where) in composers)
                names.AddRange(ComposeOne(composer, where, knownSurfaces).Where(seen.Add));
            result[label] = names;
        }
        return result;
    }

    private static IReadOnlyList<string> ComposeOne(JsonElement composer, string where, IReadOnlySet<string> knownSurfaces)
    {
        if (composer.ValueKind != JsonValueKind.Object) throw Fail("must be an object with count, seed, parts", where);
        var spec = StrictJson.Deserialize<ComposeSpecJson>(composer.GetRawText(), where, ErrorCodes.MalformedRecord);
        var count = Int(spec.Count, "count", where);
        var seed = Int(spec.Seed, "seed", where);
        if (count < 0) throw Fail("'count' must be >= 0", where);
        var partsElement = spec.Parts;
        if (partsElement.ValueKind != JsonValueKind.Array || partsElement.GetArrayLength() == 0)
            throw Fail("'parts' must be a non-empty array of string arrays", where);
        var parts = new List<string[]>();
        foreach (var part in partsElement.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Array || part.GetArrayLength() == 0 || part.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                throw Fail($"parts[{parts.Count}] must be a non-empty array of strings", where);
            parts.Add(part.EnumerateArray().Select(x => x.GetString()!).ToArray());
        }
        return Compose(parts, count, seed, knownSurfaces);
    }

    /// <summary>Up to <paramref name="count"/> distinct names (fewer when the parts cannot make that many new ones).</summary>
    public static IReadOnlyList<string> Compose(IReadOnlyList<IReadOnlyList<string>> parts, int count, int seed, IReadOnlySet<string> knownSurfaces)
    {
        var rng = new Random(seed);
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sb = new StringBuilder();
        for (var attempt = 0; names.Count < count && attempt < count * 20; attempt++)
        {
            sb.Clear();
            foreach (var part in parts) sb.Append(part[rng.Next(part.Count)]);
            var name = sb.ToString().Trim();
            if (name.Length < 3 || knownSurfaces.Contains(name) || !seen.Add(name)) continue;
            names.Add(name);
        }
        return names;
    }

    private static int Int(JsonElement v, string key, string where) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw Fail($"'{key}' must be an integer", where);

    private static TextMiningException Fail(string reason, string where) => new(ErrorCodes.MalformedRecord, reason, where);
}
