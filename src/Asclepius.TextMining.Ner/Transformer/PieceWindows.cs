namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Cuts a document's word pieces into overlapping windows that each fit the encoder, always between tokens, and says
/// which window labels each token: the one where the token's first piece is furthest from either edge, so every
/// token is labeled with as much context as the windows give it. The token vectors of a long text are stitched
/// from those windows and decoded as one sequence.
/// </summary>
internal static class PieceWindows
{
    /// <param name="firstPiece">Per token, the index of its first piece; pieces of token t are [firstPiece[t], firstPiece[t+1]).</param>
    /// <param name="pieceCount">All pieces of the document.</param>
    /// <returns>Token ranges (FirstToken, TokenCount), in order, covering every token.</returns>
    public static List<(int FirstToken, int TokenCount)> Split(int[] firstPiece, int pieceCount, int maxPieces, int overlap)
    {
        var n = firstPiece.Length;
        int PieceEnd(int token) => token + 1 < n ? firstPiece[token + 1] : pieceCount;
        var windows = new List<(int, int)>();
        for (var start = 0; start < n;)
        {
            var end = start + 1; // a token always fits: its pieces are capped below the window size
            while (end < n && PieceEnd(end) - firstPiece[start] <= maxPieces) end++;
            windows.Add((start, end - start));
            if (end == n) break;
            // The next window starts early enough to share about `overlap` pieces, and always moves forward.
            var next = end;
            while (next - 1 > start && firstPiece[end] - firstPiece[next - 1] <= overlap) next--;
            start = next;
        }
        return windows;
    }

    /// <summary>Per token, the index of the window that labels it.</summary>
    public static int[] Owners(int[] firstPiece, int pieceCount, IReadOnlyList<(int FirstToken, int TokenCount)> windows)
    {
        var n = firstPiece.Length;
        var owner = new int[n];
        var margin = new int[n];
        Array.Fill(margin, -1);
        for (var w = 0; w < windows.Count; w++)
        {
            var (first, count) = windows[w];
            var from = firstPiece[first];
            var to = first + count < n ? firstPiece[first + count] : pieceCount;
            for (var t = first; t < first + count; t++)
            {
                var m = Math.Min(firstPiece[t] - from, to - 1 - firstPiece[t]);
                if (m > margin[t]) { margin[t] = m; owner[t] = w; }
            }
        }
        return owner;
    }
}
