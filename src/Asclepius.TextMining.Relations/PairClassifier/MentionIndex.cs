namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// The token ranges of a note's candidate mentions, sorted, so that "how many other mentions lie between
/// the pair" is a binary search and a short walk instead of a scan of every mention for every pair (which
/// made relation extraction quadratic in the mentions of a long note).
/// </summary>
public sealed class MentionIndex
{
    private readonly (int First, int Last)[] _mentions;

    private MentionIndex((int First, int Last)[] mentions) => _mentions = mentions;

    /// <summary>The distinct head and tail ranges of the candidates.</summary>
    public static MentionIndex Of(IEnumerable<RelationCandidate> candidates) =>
        new(candidates.SelectMany(c => new[] { (c.HeadFirst, c.HeadLast), (c.TailFirst, c.TailLast) }).Distinct().Order().ToArray());

    /// <summary>Mentions wholly after token <paramref name="afterLast"/> and before token <paramref name="beforeFirst"/>, counted up to <paramref name="cap"/>.</summary>
    public int CountBetween(int afterLast, int beforeFirst, int cap)
    {
        int lo = 0, hi = _mentions.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_mentions[mid].First > afterLast) hi = mid; else lo = mid + 1;
        }
        var count = 0;
        for (var i = lo; i < _mentions.Length && _mentions[i].First < beforeFirst && count < cap; i++)
            if (_mentions[i].Last < beforeFirst) count++;
        return count;
    }
}
