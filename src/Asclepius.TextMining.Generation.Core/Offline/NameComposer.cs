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
/// Layout: <c>{ "LABEL": { "count": N, "seed": S, "parts": [["hepatic", "renal"], [" "], ["necrosis", "fibrosis"]] } }</c>;
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
        // Bad JSON, unknown and duplicate keys: System.Text.Json through StrictJson (ATM101 naming the file and label).
        var file = StrictJson.Deserialize<Dictionary<string, ComposeSpecJson?>>(StrictJson.ReadFile(path), path, ErrorCodes.MalformedRecord);

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (label, spec) in file)
        {
            var where = $"{path}: {label}";
            if (!schema.HasEntity(label))
                throw new TextMiningException(ErrorCodes.LabelNotInSchema, $"unknown label '{label}'; schema '{schema.Name}' has: {string.Join(", ", schema.EntityLabels)}", path);
            if (spec is null) throw Fail("must be an object with count, seed, parts", where);
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
            result[label] = Compose(parts, count, seed, knownSurfaces);
        }
        return result;
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
