using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.TokenWindow;

namespace Asclepius.TextMining.Ner.Decoding;

/// <summary>
/// One-sense-per-document post-processing: a mention found once ("naloxone" as Chemical) is also marked
/// at its other occurrences in the same document that the classifier missed, when they are whole tokens
/// and no predicted entity covers them. A surface predicted with two labels is not propagated. Short
/// all-upper-case surfaces (abbreviations) match case-sensitively, others ignore case. Whether it is used
/// is chosen on dev (it raises recall and can cost precision), by each backend that offers it: the token-window
/// (with its outside penalty) and the transformer (<see cref="Transformer.TransformerNerTrainer.ChoosePropagation"/>),
/// both on the clinical tokenizer's tokens, so one implementation serves both. Token sequences are compared by hash
/// (as lexicon phrases are), so the cost is linear in tokens, not in tokens × mention lengths.
/// </summary>
internal static class DocumentConsistency
{
    /// <param name="minShare">
    /// 0: every untagged occurrence of a predicted surface is marked. Above 0: only surfaces the model tagged in at least
    /// this share of their occurrences in the document (tagged / (tagged + untagged whole-token occurrences)), so a word
    /// tagged once among many untagged uses is not spread (a contextual tagger usually had a reason to leave those).
    /// </param>
    public static List<Entity> Propagate(TokenizedText tokens, List<Entity> entities, double minShare = 0)
    {
        if (entities.Count == 0) return entities;
        var all = tokens.Tokens;
        var n = all.Count;
        var keys = new ulong[n];
        for (var i = 0; i < n; i++) keys[i] = TokenKey(all[i].Text);

        // Surface (hash of token keys) → label and how often it was predicted; conflicting labels are dropped.
        var surfaces = new Dictionary<ulong, (string Label, double Score, bool Conflict, int Tagged)>();
        var maxLength = new Dictionary<ulong, int>();
        foreach (var e in entities)
        {
            var first = FirstTokenEndingAfter(all, e.Span.Start);
            if (first >= n || all[first].Start != e.Span.Start) continue;
            var last = first;
            while (last < n && all[last].End < e.Span.End) last++;
            if (last >= n || all[last].End != e.Span.End) continue;
            if (Letters(tokens.Text.AsSpan(e.Span.Start, e.Span.Length)) < 2) continue;
            var h = Hash(keys, first, last);
            surfaces[h] = surfaces.TryGetValue(h, out var x) ? x with { Conflict = x.Conflict || x.Label != e.Label, Tagged = x.Tagged + 1 } : (e.Label, e.Score, false, 1);
            maxLength[keys[first]] = Math.Max(maxLength.GetValueOrDefault(keys[first]), last - first + 1);
        }
        if (surfaces.Count == 0) return entities;

        // Tokens under a predicted entity: linear in tokens + entities (a BIO file can be one huge document).
        var covered = new bool[n];
        foreach (var e in entities)
            for (var i = FirstTokenEndingAfter(all, e.Span.Start); i < n && all[i].Start < e.Span.End; i++) covered[i] = true;

        // Untagged occurrences, longest match first from left to right; with a share, the surfaces below it are taken
        // out and the occurrences found again (so a left-out surface does not block a shorter or later one).
        var matches = UntaggedMatches(all, keys, covered, maxLength, h => surfaces.TryGetValue(h, out var s) && !s.Conflict);
        if (minShare > 0 && matches.Count > 0)
        {
            var untagged = matches.CountBy(m => m.Hash).ToDictionary(c => c.Key, c => c.Value);
            matches = UntaggedMatches(all, keys, covered, maxLength, h => surfaces.TryGetValue(h, out var s) && !s.Conflict
                && s.Tagged >= minShare * (s.Tagged + untagged.GetValueOrDefault(h)));
        }
        if (matches.Count == 0) return entities;
        var added = matches.Select(m => new Entity("", new TextSpan(all[m.First].Start, all[m.Last].End), surfaces[m.Hash].Label, surfaces[m.Hash].Score,
            Source: AnnotationSource.Predicted));
        return entities.Concat(added).OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End)
            .Select((e, i) => e with { Id = $"T{i + 1}" }).ToList();
    }

    /// <summary>Token runs outside every predicted entity whose surface is <paramref name="eligible"/>, longest first at each start, not overlapping.</summary>
    private static List<(int First, int Last, ulong Hash)> UntaggedMatches(IReadOnlyList<Token> all, ulong[] keys, bool[] coveredByEntities,
        Dictionary<ulong, int> maxLength, Func<ulong, bool> eligible)
    {
        var n = all.Count;
        var covered = (bool[])coveredByEntities.Clone();
        var found = new List<(int, int, ulong)>();
        for (var t = 0; t < n; t++)
        {
            if (covered[t] || !maxLength.TryGetValue(keys[t], out var max)) continue;
            for (var len = Math.Min(max, n - t); len >= 1; len--)
            {
                var last = t + len - 1;
                var free = true;
                for (var i = t; i <= last && free; i++) free = !covered[i];
                var h = Hash(keys, t, last);
                if (!free || !eligible(h)) continue;
                found.Add((t, last, h));
                for (var i = t; i <= last; i++) covered[i] = true;
                break;
            }
        }
        return found;
    }

    private static int FirstTokenEndingAfter(IReadOnlyList<Token> tokens, int offset)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (tokens[mid].End <= offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static ulong Hash(ulong[] keys, int first, int last)
    {
        ulong h = 0;
        for (var i = first; i <= last; i++) h = FeatureHash.Mix(h, keys[i]);
        return h;
    }

    /// <summary>Short all-upper-case tokens as written, others lower-cased.</summary>
    private static ulong TokenKey(string s)
    {
        var upperOnly = s.Length <= 5;
        if (upperOnly)
        {
            var anyUpper = false;
            foreach (var c in s)
            {
                if (char.IsLower(c)) { upperOnly = false; break; }
                anyUpper |= char.IsUpper(c);
            }
            upperOnly &= anyUpper;
        }
        return upperOnly ? FeatureHash.Of(s) : LexiconSet.LowerHash(s);
    }

    private static int Letters(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s) if (char.IsLetter(c)) n++;
        return n;
    }
}
