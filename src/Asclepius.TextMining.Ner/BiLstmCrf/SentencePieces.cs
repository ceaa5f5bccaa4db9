using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// The token ranges the network reads, one per sentence, cut to at most a maximum length. In training
/// (tags given) a sentence whose last tag leaves an entity open is joined with the next one, so an
/// entity that the sentence splitter cut stays whole; a forced cut inside an entity closes the tags on
/// each side (B→U, I→L at the end; I→B, L→U at the start) so every piece is a valid BILOU sequence.
/// </summary>
internal static class SentencePieces
{
    public static List<(int First, int Count)> Split(TokenizedText text, string[]? tags, int maxTokens)
    {
        var ranges = new List<(int First, int Count)>();
        var sentences = text.Sentences;
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            if (sentence.Tokens.Count == 0) continue;
            var first = sentence.FirstToken;
            var end = first + sentence.Tokens.Count;
            while (tags is not null && IsOpen(tags[end - 1]) && s + 1 < sentences.Count)
            {
                s++;
                end = sentences[s].FirstToken + sentences[s].Tokens.Count;
            }
            for (var start = first; start < end;)
            {
                var count = Math.Min(maxTokens, end - start);
                if (tags is not null && start + count < end)
                {
                    // Prefer a cut where no entity is open.
                    var cut = count;
                    while (cut > 1 && IsOpen(tags[start + cut - 1])) cut--;
                    if (!IsOpen(tags[start + cut - 1])) count = cut;
                }
                ranges.Add((start, count));
                start += count;
            }
        }
        return ranges;
    }

    /// <summary>The gold tags of one piece, closed at both ends.</summary>
    public static string[] Slice(string[] tags, int first, int count)
    {
        var piece = tags.AsSpan(first, count).ToArray();
        var (p0, t0) = TagCodec.SplitTag(piece[0]);
        if (p0 is "I") piece[0] = "B-" + t0;
        else if (p0 is "E") piece[0] = "U-" + t0;
        var (pn, tn) = TagCodec.SplitTag(piece[^1]);
        if (pn is "B") piece[^1] = "U-" + tn;
        else if (pn is "I") piece[^1] = "L-" + tn;
        return piece;
    }

    private static bool IsOpen(string tag) => TagCodec.SplitTag(tag).Prefix is "B" or "I";
}
