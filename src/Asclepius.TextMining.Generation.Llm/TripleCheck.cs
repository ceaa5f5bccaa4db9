using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Checks every sentence of a relation answer against the triple it states, whatever the number of
/// sentences the model wrote: a sentence belongs to the triple whose head and tail it labels (the
/// triple at its own position first, when it fits); a sentence that labels no asked pair is
/// "triple_unmatched". A sentence for relation R must relate that head and tail with R; a sentence for
/// a NONE item must not relate them ("triple_mismatch"). Each triple is claimed by one sentence at most.
/// </summary>
public static class TripleCheck
{
    public const string Mismatch = "triple_mismatch";
    public const string Unmatched = "triple_unmatched";

    public static List<CandidateSample> KeepMatching(IReadOnlyList<CandidateSample> samples, IReadOnlyList<SeededTriple> triples, Dictionary<string, int> rejected)
    {
        var used = new bool[triples.Count];
        var kept = new List<CandidateSample>(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var t = Find(s, triples, used, i);
            if (t < 0) { Count(rejected, Unmatched); continue; }
            used[t] = true;
            if (States(s, triples[t])) kept.Add(s);
            else Count(rejected, Mismatch);
        }
        return kept;
    }

    private static int Find(CandidateSample s, IReadOnlyList<SeededTriple> triples, bool[] used, int position)
    {
        if (position < triples.Count && !used[position] && Labels(s, triples[position])) return position;
        for (var t = 0; t < triples.Count; t++)
            if (!used[t] && Labels(s, triples[t])) return t;
        return -1;
    }

    /// <summary>The sentence labels both seeds of the triple.</summary>
    private static bool Labels(CandidateSample s, SeededTriple t) =>
        s.Entities.Any(e => Same(e.Text, t.Head)) && s.Entities.Any(e => Same(e.Text, t.Tail));

    private static bool States(CandidateSample s, SeededTriple t)
    {
        var between = s.Relations.Where(r =>
            r.Head >= 0 && r.Head < s.Entities.Count && r.Tail >= 0 && r.Tail < s.Entities.Count
            && Same(s.Entities[r.Head].Text, t.Head) && Same(s.Entities[r.Tail].Text, t.Tail)).ToList();
        return t.Relation is null ? between.Count == 0 : between.Any(r => r.Label == t.Relation);
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
