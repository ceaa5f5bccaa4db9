using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Bench.Synthetic;

/// <summary>
/// False positives and negatives by kind, for looking at what the generated data teaches wrong:
/// spurious (no gold overlap), boundary (overlaps a gold entity of the same label), label (same span,
/// other label), missed (no prediction overlaps). Writes PREFIX.fp.tsv and PREFIX.fn.tsv with context.
/// </summary>
internal static class ErrorReport
{
    public static void Write(IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted, string prefix, JsonObject result)
    {
        var fpKinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var fnKinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var fp = new StreamWriter(prefix + ".fp.tsv");
        using var fn = new StreamWriter(prefix + ".fn.tsv");
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i];
            var p = predicted[i];
            var goldKeys = g.Entities.Select(e => (e.Span, e.Label)).ToHashSet();
            var predKeys = p.Entities.Select(e => (e.Span, e.Label)).ToHashSet();
            foreach (var e in p.Entities.Where(e => !goldKeys.Contains((e.Span, e.Label))))
            {
                var o = g.Entities.FirstOrDefault(x => x.Span.Overlaps(e.Span));
                var kind = o is null ? "spurious" : o.Label != e.Label ? "label" : "boundary";
                Count(fpKinds, $"{kind}/{e.Label}");
                fp.WriteLine($"{kind}\t{e.Label}\t{p.TextOf(e)}\t{(o is null ? "" : $"{g.TextOf(o)}/{o.Label}")}\t{Context(g.Text, e.Span)}");
            }
            foreach (var e in g.Entities.Where(e => !predKeys.Contains((e.Span, e.Label))))
            {
                var o = p.Entities.FirstOrDefault(x => x.Span.Overlaps(e.Span));
                var kind = o is null ? "missed" : o.Label != e.Label ? "label" : "boundary";
                Count(fnKinds, $"{kind}/{e.Label}");
                fn.WriteLine($"{kind}\t{e.Label}\t{g.TextOf(e)}\t{(o is null ? "" : $"{p.TextOf(o)}/{o.Label}")}\t{Context(g.Text, e.Span)}");
            }
        }
        result["false_positives"] = new JsonObject(fpKinds.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        result["false_negatives"] = new JsonObject(fnKinds.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
    }

    private static void Count(SortedDictionary<string, int> d, string k) => d[k] = d.GetValueOrDefault(k) + 1;

    private static string Context(string text, TextSpan s)
    {
        var from = Math.Max(0, s.Start - 40);
        var to = Math.Min(text.Length, s.End + 40);
        return (text[from..s.Start] + "[[" + text[s.Start..s.End] + "]]" + text[s.End..to]).Replace('\n', ' ').Replace('\t', ' ');
    }
}
