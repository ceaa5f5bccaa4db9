using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// Finds a training curve in a model package without knowing which trainer wrote it: the first array of
/// objects (one is enough: a trainer that stopped after one iteration still has a point to show), in metrics.json and then training/*.json, whose objects share a numeric
/// epoch/iteration/step field and carry other numeric fields (loss, dev F1 …). Each other numeric field
/// is a series. Absent curve: null (the report says so).
/// </summary>
public static class TrainingCurveReader
{
    private static readonly string[] XNames = ["epoch", "iteration", "iter", "step"];

    public static TrainingCurve? Read(ModelPackage package)
    {
        var entries = new List<string>();
        if (package.HasEntry(ModelPackage.MetricsEntry)) entries.Add(ModelPackage.MetricsEntry);
        entries.AddRange(package.EntryNames.Where(n => n.StartsWith("training/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            JsonNode? root;
            try { root = JsonNode.Parse(package.ReadText(entry) ?? ""); }
            catch (JsonException) { continue; }
            if (root is not null && Find(root, entry) is { } curve) return curve;
        }
        return null;
    }

    public static TrainingCurve? Find(JsonNode node, string source)
    {
        switch (node)
        {
            case JsonArray array when FromArray(array, source) is { } curve:
                return curve;
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null && Find(item, source) is { } c) return c;
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                    if (value is not null && Find(value, source) is { } c) return c;
                break;
        }
        return null;
    }

    private static TrainingCurve? FromArray(JsonArray array, string source)
    {
        if (array.Count == 0 || array.Any(i => i is not JsonObject)) return null;
        var rows = array.Cast<JsonObject>().ToArray();
        var xName = XNames.Select(x => rows[0].Select(p => p.Key).FirstOrDefault(k => string.Equals(k, x, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(k => k is not null && rows.All(r => Number(r[k]) is not null));
        if (xName is null) return null;
        var names = rows[0].Select(p => p.Key).Where(k => k != xName && rows.Any(r => Number(r[k]) is not null)).ToArray();
        var series = new List<CurveSeries>();
        foreach (var name in names)
        {
            var points = rows.Where(r => Number(r[name]) is not null).Select(r => (Number(r[xName])!.Value, Number(r[name])!.Value)).OrderBy(p => p.Item1).ToArray();
            if (points.Length >= 1 && !name.Contains("elapsed", StringComparison.OrdinalIgnoreCase) && !name.Contains("seconds", StringComparison.OrdinalIgnoreCase))
                series.Add(new CurveSeries(name, points));
        }
        return series.Count == 0 ? null : new TrainingCurve(source, xName, series);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;
}
