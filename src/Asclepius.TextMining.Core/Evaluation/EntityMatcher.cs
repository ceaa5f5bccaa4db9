using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Matches the gold and predicted entities of one document, each entity used at most once.
/// <para>Strict: a pair matches when span and label are equal. Duplicates count as a multiset: two identical
/// gold entities need two identical predictions.</para>
/// <para>Lenient (one-to-one greedy): candidate pairs have the same label and spans sharing at least one
/// character. They are taken in this order, skipping any pair whose gold or predicted entity is already
/// used: exact spans first, then longer overlap first, then by gold start, gold end, predicted start,
/// predicted end. Exact pairs go first so that lenient true positives are never fewer than strict ones,
/// and one long prediction covering two gold entities counts once, not twice.</para>
/// Labels are compared ordinally (case-sensitive). Scores, sources and assertions are ignored here.
/// </summary>
public static class EntityMatcher
{
    public static EntityAlignment Match(IReadOnlyList<Entity> gold, IReadOnlyList<Entity> predicted, EntityMatchMode mode) =>
        mode == EntityMatchMode.Strict ? MatchStrict(gold, predicted) : MatchLenient(gold, predicted);

    private static EntityAlignment MatchStrict(IReadOnlyList<Entity> gold, IReadOnlyList<Entity> predicted)
    {
        var open = new Dictionary<(TextSpan, string), Queue<Entity>>();
        foreach (var p in predicted)
        {
            var key = (p.Span, p.Label);
            if (!open.TryGetValue(key, out var queue)) open[key] = queue = new Queue<Entity>();
            queue.Enqueue(p);
        }

        var matches = new List<EntityMatch>();
        var missed = new List<Entity>();
        foreach (var g in gold)
        {
            if (open.TryGetValue((g.Span, g.Label), out var queue) && queue.Count > 0)
                matches.Add(new EntityMatch(g, queue.Dequeue()));
            else
                missed.Add(g);
        }

        // Unmatched predictions, in their input order.
        var used = new HashSet<Entity>(matches.Select(m => m.Predicted), ReferenceEqualityComparer.Instance);
        var spurious = predicted.Where(p => !used.Contains(p)).ToList();
        return new EntityAlignment(matches, missed, spurious);
    }

    private static EntityAlignment MatchLenient(IReadOnlyList<Entity> gold, IReadOnlyList<Entity> predicted)
    {
        // Predictions by start; a prediction overlapping [s, e) starts in [s - longest + 1, e), so each gold
        // entity scans only that window (a CoNLL file read as one document can hold thousands of entities).
        var byStart = Enumerable.Range(0, predicted.Count).OrderBy(p => predicted[p].Span.Start).ToArray();
        var starts = byStart.Select(p => predicted[p].Span.Start).ToArray();
        var longest = predicted.Count == 0 ? 0 : predicted.Max(p => p.Span.Length);

        var candidates = new List<(int G, int P, bool Exact, int Overlap)>();
        for (var g = 0; g < gold.Count; g++)
        {
            var gs = gold[g].Span;
            for (var k = LowerBound(starts, gs.Start - longest + 1); k < starts.Length && starts[k] < gs.End; k++)
            {
                var p = byStart[k];
                var ps = predicted[p].Span;
                if (!gs.Overlaps(ps) || !string.Equals(gold[g].Label, predicted[p].Label, StringComparison.Ordinal)) continue;
                var overlap = Math.Min(gs.End, ps.End) - Math.Max(gs.Start, ps.Start);
                candidates.Add((g, p, gs == ps, overlap));
            }
        }

        candidates.Sort((a, b) =>
        {
            var c = b.Exact.CompareTo(a.Exact);
            if (c == 0) c = b.Overlap.CompareTo(a.Overlap);
            if (c == 0) c = gold[a.G].Span.Start.CompareTo(gold[b.G].Span.Start);
            if (c == 0) c = gold[a.G].Span.End.CompareTo(gold[b.G].Span.End);
            if (c == 0) c = predicted[a.P].Span.Start.CompareTo(predicted[b.P].Span.Start);
            if (c == 0) c = predicted[a.P].Span.End.CompareTo(predicted[b.P].Span.End);
            if (c == 0) c = a.G.CompareTo(b.G);
            if (c == 0) c = a.P.CompareTo(b.P);
            return c;
        });

        var goldUsed = new bool[gold.Count];
        var predUsed = new bool[predicted.Count];
        var pairs = new List<(int G, int P)>();
        foreach (var (g, p, _, _) in candidates)
        {
            if (goldUsed[g] || predUsed[p]) continue;
            goldUsed[g] = predUsed[p] = true;
            pairs.Add((g, p));
        }

        var matches = pairs.OrderBy(x => x.G).Select(x => new EntityMatch(gold[x.G], predicted[x.P])).ToList();
        var missed = gold.Where((_, i) => !goldUsed[i]).ToList();
        var spurious = predicted.Where((_, i) => !predUsed[i]).ToList();
        return new EntityAlignment(matches, missed, spurious);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
