using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// The token-level (CoNLL) path: chunks are decoded from each sentence's tags with
/// <see cref="TagCodec.Decode"/> (conlleval's startOfChunk/endOfChunk; a sentence break closes every
/// chunk) and a predicted chunk is correct when a gold chunk has the same first token, last token and
/// type. That is what conlleval counts with its running "inCorrect" flag, so precision = correct/found,
/// recall = correct/phrases and FB1 equal conlleval's on BIO (IOB1, IOB2) files, 0 when a denominator
/// is 0. Known differences: E-/S- tags follow the IOBES-aware conlleval ports (conlleval.py), since the
/// 2004 Perl script does not treat S- as a chunk of its own; a type of "0" is kept (Perl reads it as
/// empty).
/// </summary>
public static class ConllScorer
{
    public static ConllScore Score(IEnumerable<ConllSentence> sentences)
    {
        var counts = new PrfAccumulator();
        var tokens = 0;
        var correctTags = 0;
        foreach (var sentence in sentences)
        {
            if (sentence.Gold.Count != sentence.Predicted.Count)
                throw new ArgumentException($"a sentence has {sentence.Gold.Count} gold tags but {sentence.Predicted.Count} predicted tags");
            var pseudo = PseudoTokens(sentence.Gold.Count);
            var gold = TagCodec.Decode(pseudo, sentence.Gold, TagScheme.Bio);
            var predicted = TagCodec.Decode(pseudo, sentence.Predicted, TagScheme.Bio);

            var open = predicted.Select(c => (c.FirstToken, c.LastToken, c.Label)).ToHashSet();
            foreach (var g in gold)
            {
                if (open.Remove((g.FirstToken, g.LastToken, g.Label)))
                    counts.TruePositive(g.Label);
                else counts.FalseNegative(g.Label);
            }
            // Decoded chunks never overlap, so the unmatched predictions are exactly those left open.
            foreach (var (_, _, label) in open) counts.FalsePositive(label);

            for (var i = 0; i < sentence.Gold.Count; i++)
                if (string.Equals(sentence.Gold[i], sentence.Predicted[i], StringComparison.Ordinal)) correctTags++;
            tokens += sentence.Gold.Count;
        }
        return new ConllScore(counts.ToTable(), tokens, correctTags);
    }

    /// <summary>Tokens one character apart: only their indexes matter to chunk decoding.</summary>
    private static Token[] PseudoTokens(int count)
    {
        var tokens = new Token[count];
        for (var i = 0; i < count; i++) tokens[i] = new Token(i, new TextSpan(2 * i, 2 * i + 1), "_");
        return tokens;
    }
}
