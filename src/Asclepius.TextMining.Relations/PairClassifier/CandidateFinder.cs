using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Candidate pairs come only from the schema's allowed (head label, tail label) pairs, within a window of
/// sentences: 0 = same sentence, 1 = the same or an adjacent sentence, a negative value = the whole document.
/// Entities that cover no token (misaligned to the tokenizer) are placed on the tokens they overlap.
/// Work is linear in the entities for a sentence window: each entity meets only the entities of the
/// sentences within the window (sentences hold at most <see cref="SentenceSplitter.MaxTokens"/> tokens).
/// A whole-document window pairs every entity with every other, so a note with more entities than
/// <see cref="MaxWholeDocumentEntities"/> is refused (ATM109) rather than left to run for hours.
/// </summary>
public sealed class CandidateFinder(LabelSchema schema, int sentenceWindow)
{
    /// <summary>With a whole-document window: 3,000 entities make 9 million ordered pairs to check, a few seconds.</summary>
    public const int MaxWholeDocumentEntities = 3_000;

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

        if (sentenceWindow < 0 && placed.Count > MaxWholeDocumentEntities)
            throw new TextMiningException(ErrorCodes.InputTooLarge,
                $"the note has {placed.Count:N0} entities; this relation model pairs every entity of a note with every other, which is limited to {MaxWholeDocumentEntities:N0} entities");

        // Entities by sentence, each list in entity order; a head meets the entities of the sentences
        // within the window, in entity order (the order of the candidates is that of a full double loop).
        var bySentence = new Dictionary<int, List<int>>();
        for (var i = 0; i < placed.Count; i++)
        {
            if (!bySentence.TryGetValue(placed[i].Sentence, out var list)) bySentence[placed[i].Sentence] = list = new List<int>();
            list.Add(i);
        }
        var candidates = new List<RelationCandidate>();
        var near = new List<int>();
        foreach (var h in placed)
        {
            near.Clear();
            if (sentenceWindow < 0) near.AddRange(Enumerable.Range(0, placed.Count));
            else
            {
                for (var s = h.Sentence - sentenceWindow; s <= h.Sentence + sentenceWindow; s++)
                    if (bySentence.TryGetValue(s, out var list)) near.AddRange(list);
                near.Sort();
            }
            foreach (var j in near)
            {
                var t = placed[j];
                if (ReferenceEquals(h.Entity, t.Entity) || h.Entity.Span.Overlaps(t.Entity.Span)) continue;
                if (!schema.RelationsAllowed(h.Entity.Label, t.Entity.Label).Any()) continue;
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
