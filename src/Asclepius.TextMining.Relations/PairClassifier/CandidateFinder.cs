using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Candidate pairs come only from the schema's allowed (head label, tail label) pairs, within a window of
/// sentences: 0 = same sentence, 1 = the same or an adjacent sentence, a negative value = the whole document.
/// Entities that cover no token (misaligned to the tokenizer) are placed on the tokens they overlap.
/// </summary>
public sealed class CandidateFinder(LabelSchema schema, int sentenceWindow)
{
    public IReadOnlyList<RelationCandidate> Find(TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        var placed = new List<(Entity Entity, int First, int Last, int Sentence)>(entities.Count);
        var sentenceOfToken = SentenceIndexByToken(tokens);
        foreach (var e in entities)
        {
            var (first, last) = TokenRange(tokens.Tokens, e.Span);
            if (first < 0) continue;
            placed.Add((e, first, last, sentenceOfToken[first]));
        }

        var candidates = new List<RelationCandidate>();
        foreach (var h in placed)
        {
            foreach (var t in placed)
            {
                if (ReferenceEquals(h.Entity, t.Entity) || h.Entity.Span.Overlaps(t.Entity.Span)) continue;
                if (!schema.RelationsAllowed(h.Entity.Label, t.Entity.Label).Any()) continue;
                if (sentenceWindow >= 0 && Math.Abs(h.Sentence - t.Sentence) > sentenceWindow) continue;
                candidates.Add(new RelationCandidate(h.Entity, t.Entity, h.First, h.Last, t.First, t.Last, h.Sentence, t.Sentence));
            }
        }
        return candidates;
    }

    private static int[] SentenceIndexByToken(TokenizedText tokens)
    {
        var map = new int[tokens.Tokens.Count];
        foreach (var s in tokens.Sentences)
            foreach (var t in s.Tokens) map[t.Index] = s.Index;
        return map;
    }

    /// <summary>First and last token overlapping the span, or (-1, -1).</summary>
    private static (int First, int Last) TokenRange(IReadOnlyList<Token> tokens, TextSpan span)
    {
        int lo = 0, hi = tokens.Count - 1, first = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (tokens[mid].End > span.Start) { first = mid; hi = mid - 1; } else lo = mid + 1;
        }
        if (first < 0 || tokens[first].Start >= span.End) return (-1, -1);
        var last = first;
        while (last + 1 < tokens.Count && tokens[last + 1].Start < span.End) last++;
        return (first, last);
    }
}
