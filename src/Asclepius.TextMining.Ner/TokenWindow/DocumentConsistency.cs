using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// One-sense-per-document post-processing: a mention found once ("naloxone" as Chemical) is also marked
/// at its other occurrences in the same document that the classifier missed, when they are whole tokens
/// and no predicted entity covers them. A surface predicted with two labels is not propagated. Short
/// all-upper-case surfaces (abbreviations) match case-sensitively, others ignore case. Whether it is used
/// is chosen on dev (it raises recall and can cost precision).
/// </summary>
internal static class DocumentConsistency
{
    public static List<Entity> Propagate(TokenizedText tokens, List<Entity> entities)
    {
        if (entities.Count == 0) return entities;
        var all = tokens.Tokens;
        var byStart = new Dictionary<int, int>();
        for (var i = 0; i < all.Count; i++) byStart[all[i].Start] = i;

        // Surface (token keys) → label, from the predictions; conflicting labels are dropped.
        var surfaces = new Dictionary<string, (string Label, double Score, int Length)?>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            if (!byStart.TryGetValue(e.Span.Start, out var first)) continue;
            var last = first;
            while (last < all.Count && all[last].End < e.Span.End) last++;
            if (last >= all.Count || all[last].End != e.Span.End) continue;
            var text = tokens.Text.AsSpan(e.Span.Start, e.Span.Length);
            if (Letters(text) < 2) continue;
            var key = Key(all, first, last);
            if (surfaces.TryGetValue(key, out var existing))
            {
                if (existing is { } x && x.Label != e.Label) surfaces[key] = null;
            }
            else surfaces[key] = (e.Label, e.Score, last - first + 1);
        }
        if (surfaces.Count == 0) return entities;

        var covered = new bool[all.Count];
        foreach (var e in entities)
            for (var i = 0; i < all.Count; i++)
                if (all[i].Span.Overlaps(e.Span)) covered[i] = true;

        var maxLen = surfaces.Values.Max(v => v?.Length ?? 0);
        var added = new List<Entity>();
        for (var t = 0; t < all.Count; t++)
        {
            if (covered[t]) continue;
            for (var len = Math.Min(maxLen, all.Count - t); len >= 1; len--)
            {
                var last = t + len - 1;
                var free = true;
                for (var i = t; i <= last && free; i++) free = !covered[i];
                if (!free) continue;
                if (!surfaces.TryGetValue(Key(all, t, last), out var hit) || hit is not { } h) continue;
                added.Add(new Entity("", new TextSpan(all[t].Start, all[last].End), h.Label, h.Score, Source: AnnotationSource.Predicted));
                for (var i = t; i <= last; i++) covered[i] = true;
                break;
            }
        }
        if (added.Count == 0) return entities;
        return entities.Concat(added).OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End)
            .Select((e, i) => e with { Id = $"T{i + 1}" }).ToList();
    }

    private static string Key(IReadOnlyList<Token> tokens, int first, int last)
    {
        var parts = new string[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            var s = tokens[i].Text;
            parts[i - first] = s.Length <= 5 && s.Any(char.IsUpper) && !s.Any(char.IsLower) ? s : s.ToLowerInvariant();
        }
        return string.Join('\u0001', parts);
    }

    private static int Letters(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s) if (char.IsLetter(c)) n++;
        return n;
    }
}
