using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Tokenization;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Builds a candidate's <see cref="PairInput"/>: the text of the sentences that hold the two mentions is split into
/// word pieces (character offsets kept, so markers go exactly at the mentions' boundaries: a start marker before the
/// first piece that reaches into the mention, an end marker after the last), the four typed markers are inserted, and
/// a context longer than <see cref="_maxPieces"/> keeps the pieces around each mention. The pieces of a sentence range
/// are computed once per document (<see cref="Context"/>), since a sentence usually holds many candidates.
/// </summary>
internal sealed class PairEncoder(WordPieceTokenizer tokenizer, EntityMarkers markers, int maxPieces)
{
    private readonly int _maxPieces = maxPieces;

    /// <summary>Per document: pieces of each sentence range, keyed by (first sentence, last sentence).</summary>
    public sealed class Context(TokenizedText tokens)
    {
        public TokenizedText Tokens { get; } = tokens;
        public Dictionary<(int, int), WordPiece[]> Pieces { get; } = new();
    }

    /// <summary>The pair's input, or null when an entity label has no markers.</summary>
    public PairInput? Encode(Context context, RelationCandidate c, int label = 0)
    {
        if (markers.For(c.Head.Label, c.Tail.Label) is not { } m) return null;
        var first = Math.Min(c.HeadSentence, c.TailSentence);
        var last = Math.Max(c.HeadSentence, c.TailSentence);
        if (!context.Pieces.TryGetValue((first, last), out var pieces))
        {
            var sentences = context.Tokens.Sentences;
            var start = sentences[first].Span.Start;
            var text = context.Tokens.Text[start..sentences[last].Span.End];
            pieces = tokenizer.Tokenize(text).Select(p => p with { Start = p.Start + start, End = p.End + start }).ToArray();
            context.Pieces[(first, last)] = pieces;
        }

        // Insertion points (before piece i); an end marker's rank puts it before a start at the same point, unless
        // its mention covers no piece at all (then start, end).
        var (hs, he) = Bounds(pieces, c.Head.Span);
        var (ts, te) = Bounds(pieces, c.Tail.Span);
        var inserts = new List<(int At, int Rank, int Id, bool HeadStart, bool TailStart)>
        {
            (hs, 1, m.HeadStart, true, false), (he, he == hs ? 2 : 0, m.HeadEnd, false, false),
            (ts, 1, m.TailStart, false, true), (te, te == ts ? 2 : 0, m.TailEnd, false, false),
        };
        inserts.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Rank.CompareTo(b.Rank));
        var ids = new List<int>(pieces.Length + 4);
        int headAt = 0, tailAt = 0, next = 0;
        for (var i = 0; i <= pieces.Length; i++)
        {
            while (next < inserts.Count && inserts[next].At == i)
            {
                if (inserts[next].HeadStart) headAt = ids.Count;
                if (inserts[next].TailStart) tailAt = ids.Count;
                ids.Add(inserts[next].Id);
                next++;
            }
            if (i < pieces.Length) ids.Add(pieces[i].Id);
        }
        return Fit(ids, headAt, tailAt, label);
    }

    /// <summary>Where a mention's start and end markers go: before the first piece ending inside it, after the last piece starting inside it.</summary>
    private static (int Start, int End) Bounds(WordPiece[] pieces, TextSpan span)
    {
        var start = 0;
        while (start < pieces.Length && pieces[start].End <= span.Start) start++;
        var end = start;
        while (end < pieces.Length && pieces[end].Start < span.End) end++;
        return (start, end);
    }

    /// <summary>
    /// The whole context when it fits; else one stretch holding both mentions with the rest of the budget spread
    /// around them; else a stretch around each mention (half the budget each), in text order.
    /// </summary>
    private PairInput Fit(List<int> ids, int headAt, int tailAt, int label)
    {
        if (ids.Count <= _maxPieces) return new PairInput(ids.ToArray(), headAt, tailAt, label);
        var lo = Math.Min(headAt, tailAt);
        var hi = Math.Max(headAt, tailAt);
        var lead = _maxPieces / 8; // context kept before a mention
        if (hi - lo + 1 + lead <= _maxPieces)
        {
            var from = Math.Clamp(lo - lead, 0, ids.Count - _maxPieces);
            return new PairInput(ids.GetRange(from, _maxPieces).ToArray(), headAt - from, tailAt - from, label);
        }
        var half = _maxPieces / 2;
        var firstFrom = Math.Max(0, lo - lead);
        var secondFrom = Math.Max(firstFrom + half, Math.Min(hi - lead, ids.Count - half)); // a full stretch, also at the end
        var secondCount = Math.Min(half, ids.Count - secondFrom);
        var joined = ids.GetRange(firstFrom, half).Concat(ids.GetRange(secondFrom, secondCount)).ToArray();
        var loAt = lo - firstFrom;
        var hiAt = half + hi - secondFrom;
        return headAt <= tailAt ? new PairInput(joined, loAt, hiAt, label) : new PairInput(joined, hiAt, loAt, label);
    }
}
