namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// A document as word pieces: <see cref="Pieces"/> (vocabulary ids, no [CLS]/[SEP]) and, per token of the clinical
/// tokenizer, the index of its first piece (every token has at least one). <see cref="Tags"/>: gold BILOU tags per
/// token, for training. <see cref="Windows"/> and <see cref="Owners"/>: see <see cref="PieceWindows"/>. <see cref="Lexicon"/>:
/// with lexicons, the lexicon-position ids of every token, [token · L + lexicon] (<see cref="TokenWindow.LexiconSet.PositionIds"/>).
/// </summary>
internal sealed record EncodedDocument(int[] Pieces, int[] FirstPiece, string[]? Tags, IReadOnlyList<(int FirstToken, int TokenCount)> Windows, int[] Owners, int[]? Lexicon = null)
{
    public int TokenCount => FirstPiece.Length;

    /// <summary>Word pieces in window <paramref name="window"/>.</summary>
    public int WindowLength(int window) => WindowPieces(Windows[window].FirstToken, Windows[window].TokenCount).Count;

    /// <summary>The pieces of tokens [first, first + count).</summary>
    public ArraySegment<int> WindowPieces(int first, int count)
    {
        var from = FirstPiece[first];
        var to = first + count < TokenCount ? FirstPiece[first + count] : Pieces.Length;
        return new ArraySegment<int>(Pieces, from, to - from);
    }
}
