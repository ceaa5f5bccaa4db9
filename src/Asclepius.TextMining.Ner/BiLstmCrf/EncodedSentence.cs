namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// One sentence piece as ids: normalized-word ids, casing ids, per-token character ids and, for training,
/// gold BILOU tag ids. <see cref="FirstToken"/> is the document-level index of its first token.
/// </summary>
internal sealed record EncodedSentence(int FirstToken, int[] Words, int[] Casing, int[][] Chars, int[]? Tags)
{
    public int Length => Words.Length;
}
