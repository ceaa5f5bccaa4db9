using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// A padded mini-batch: Words/Casing [B,T], Chars [B,T,W], CharLengths [B,T] (characters per token, 0 on padding, so
/// the character CNN ignores padded positions), Mask [B,T] (true on real tokens), Lengths [B]
/// (on the CPU, as pack_padded_sequence wants), LastIndex [B], Tags [B,T] when gold tags are known,
/// Lexicon [B,T,L] when the model has L lexicons (row ids of the lexicon embedding; 0 on padding).
/// Create inside a dispose scope: the tensors are not disposed by this class.
/// </summary>
internal sealed record SentenceBatch(
    Tensor Words,
    Tensor Casing,
    Tensor Chars,
    Tensor CharLengths,
    Tensor Mask,
    Tensor Lengths,
    Tensor LastIndex,
    Tensor? Tags,
    Tensor? Lexicon,
    int[] SentenceLengths)
{
    public int MaxLength => SentenceLengths.Max();

    /// <param name="unknown">Training only: replaces singleton words by the unknown id with the given rate.</param>
    public static SentenceBatch Build(IReadOnlyList<EncodedSentence> sentences, Device device, bool withTags,
        (Random Random, bool[] Singletons, double Rate)? unknown = null)
    {
        var b = sentences.Count;
        var t = sentences.Max(s => s.Length);
        var w = 1;
        foreach (var s in sentences) foreach (var c in s.Chars) w = Math.Max(w, c.Length);

        var words = new long[b * t];
        var casing = new long[b * t];
        var chars = new long[b * t * w];
        var charLengths = new long[b * t];
        var mask = new bool[b * t];
        var lengths = new long[b];
        var last = new long[b];
        var tags = withTags ? new long[b * t] : null;
        var lexCount = sentences[0].Lexicon is { } firstLex && sentences[0].Length > 0 ? firstLex.Length / sentences[0].Length : 0;
        var lexicon = lexCount > 0 ? new long[b * t * lexCount] : null;
        for (var i = 0; i < b; i++)
        {
            var s = sentences[i];
            lengths[i] = s.Length;
            last[i] = s.Length - 1;
            for (var j = 0; j < s.Length; j++)
            {
                var at = i * t + j;
                var id = s.Words[j];
                if (unknown is { } u && id > BiLstmCrfVocabulary.Unknown && u.Singletons[id] && u.Random.NextDouble() < u.Rate)
                    id = BiLstmCrfVocabulary.Unknown;
                words[at] = id;
                casing[at] = s.Casing[j];
                mask[at] = true;
                if (tags is not null) tags[at] = s.Tags![j];
                var cs = s.Chars[j];
                charLengths[at] = cs.Length;
                for (var k = 0; k < cs.Length; k++) chars[at * w + k] = cs[k];
                if (lexicon is not null)
                    for (var l = 0; l < lexCount; l++) lexicon[at * lexCount + l] = s.Lexicon![j * lexCount + l];
            }
        }
        return new SentenceBatch(
            torch.tensor(words, new long[] { b, t }, device: device),
            torch.tensor(casing, new long[] { b, t }, device: device),
            torch.tensor(chars, new long[] { b, t, w }, device: device),
            torch.tensor(charLengths, new long[] { b, t }, device: device),
            torch.tensor(mask, new long[] { b, t }, device: device),
            torch.tensor(lengths),
            torch.tensor(last, device: device),
            tags is null ? null : torch.tensor(tags, new long[] { b, t }, device: device),
            lexicon is null ? null : torch.tensor(lexicon, new long[] { b, t, lexCount }, device: device),
            sentences.Select(s => s.Length).ToArray());
    }
}
