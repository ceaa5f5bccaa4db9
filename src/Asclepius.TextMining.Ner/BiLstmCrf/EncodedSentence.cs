namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// One sentence piece as ids: normalized-word ids, casing ids, per-token character ids and, for training,
/// gold BILOU tag ids. <see cref="FirstToken"/> is the document-level index of its first token.
/// <see cref="Lexicon"/> (models with lexicons only): [token * L + lexicon] = 0 when no phrase of that
/// lexicon covers the token, else 1 + 4·lexicon + (B=0, I=1, L=2, U=3) — rows of one shared embedding table.
/// </summary>
internal sealed record EncodedSentence(int FirstToken, int[] Words, int[] Casing, int[][] Chars, int[]? Tags, int[]? Lexicon = null)
{
    public int Length => Words.Length;
}
