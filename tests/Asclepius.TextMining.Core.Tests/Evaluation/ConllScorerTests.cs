using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class ConllScorerTests
{
    private static ConllSentence S(string gold, string predicted) =>
        new(gold.Split(' ', StringSplitOptions.RemoveEmptyEntries), predicted.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // Four sentences covering I- after O, type switches inside a chunk, chunks at sentence end and a
    // sentence break between two I- tags of one type (which conlleval counts as two chunks).
    private static readonly ConllSentence[] Case =
    [
        S("B-PER I-PER O B-LOC I-LOC", "B-PER I-PER O O I-LOC"),   // predicted LOC: I- after O starts a chunk at token 4
        S("O I-ORG I-ORG O B-MISC", "O B-ORG I-PER O B-MISC"),      // gold ORG 1-2 from I- after O; predicted ORG 1-1, PER 2-2
        S("B-LOC I-LOC", "B-LOC I-LOC"),                            // chunk up to the sentence end
        S("I-LOC O", "I-LOC O"),                                    // a new chunk: the break closed the one before
    ];

    [Fact]
    public void Hand_computed_case_gives_conllevals_counts()
    {
        // gold chunks: PER(0-1) LOC(3-4) | ORG(1-2) MISC(4) | LOC(0-1) | LOC(0) → 6
        // predicted:   PER(0-1) LOC(4)   | ORG(1) PER(2) MISC(4) | LOC(0-1) | LOC(0) → 7
        // correct: PER(0-1), MISC(4), LOC(0-1), LOC(0) → 4. precision 4/7, recall 4/6, FB1 2·4/(7+6) = 8/13.
        // tags equal on 4 + 3 + 2 + 2 = 11 of 14 tokens.
        var score = ConllScorer.Score(Case);
        CorpusEvaluatorTests.AssertCounts(score.Chunks.Micro, 4, 3, 2, 4.0 / 7, 4.0 / 6, 8.0 / 13);
        CorpusEvaluatorTests.AssertCounts(score.Chunks["LOC"], 2, 1, 1, 2.0 / 3, 2.0 / 3, 2.0 / 3);
        CorpusEvaluatorTests.AssertCounts(score.Chunks["PER"], 1, 1, 0, 0.5, 1, 2.0 / 3);
        CorpusEvaluatorTests.AssertCounts(score.Chunks["ORG"], 0, 1, 1, 0, 0, 0);
        CorpusEvaluatorTests.AssertCounts(score.Chunks["MISC"], 1, 0, 0, 1, 1, 1);
        (score.Tokens, score.CorrectTags).Should().Be((14, 11));
    }

    [Fact]
    public void Report_is_byte_for_byte_what_conlleval_prints()
    {
        // Output of conlleval.pl (version 2004-01-26) on the same four sentences, one token per line.
        const string expected =
            "processed 14 tokens with 6 phrases; found: 7 phrases; correct: 4.\n" +
            "accuracy:  78.57%; precision:  57.14%; recall:  66.67%; FB1:  61.54\n" +
            "              LOC: precision:  66.67%; recall:  66.67%; FB1:  66.67  3\n" +
            "             MISC: precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n" +
            "              ORG: precision:   0.00%; recall:   0.00%; FB1:   0.00  1\n" +
            "              PER: precision:  50.00%; recall: 100.00%; FB1:  66.67  2\n";
        ConllScorer.Score(Case).ToConllevalReport().Should().Be(expected);
    }

    [Fact]
    public void No_predictions_score_zero_and_label_still_listed()
    {
        var score = ConllScorer.Score([S("B-A I-A", "O O")]);
        score.ToConllevalReport().Should().Be(
            "processed 2 tokens with 1 phrases; found: 0 phrases; correct: 0.\n" +
            "accuracy:   0.00%; precision:   0.00%; recall:   0.00%; FB1:   0.00\n" +
            "                A: precision:   0.00%; recall:   0.00%; FB1:   0.00  0\n");
        ConllScorer.Score([]).ToConllevalReport().Should().Be("processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n");
    }

    [Theory]
    [InlineData("B-A I-A", "B-A I-B", 0, 2, 1)]       // type switch in the prediction: A(0) and B(1), neither is A(0-1)
    [InlineData("B-A I-A I-A", "B-A I-A B-A", 0, 2, 1)]
    [InlineData("O I-A", "O B-A", 1, 1, 1)]           // I- after O equals B- after O
    [InlineData("I-A I-A B-A", "B-A I-A B-A", 2, 2, 2)] // IOB1: B- only between two chunks of one type
    [InlineData("B-A I-A", "O I-A", 0, 1, 1)]         // a chunk one token short is wrong
    public void Edge_cases_follow_conlleval(string gold, string predicted, int correct, int found, int phrases)
    {
        var m = ConllScorer.Score([S(gold, predicted)]).Chunks.Micro;
        (m.TruePositives, m.Predicted, m.Gold).Should().Be((correct, found, phrases));
    }

    [Fact]
    public void Random_bio_sequences_agree_with_a_port_of_conllevals_running_count()
    {
        var tags = new[] { "O", "O", "B-A", "I-A", "B-B", "I-B" };
        var random = new Random(20240607);
        for (var trial = 0; trial < 300; trial++)
        {
            var sentences = new List<ConllSentence>();
            for (var s = random.Next(1, 5); s > 0; s--)
            {
                var n = random.Next(1, 9);
                var gold = Enumerable.Range(0, n).Select(_ => tags[random.Next(tags.Length)]).ToArray();
                // Predictions near gold, so that correct chunks occur often.
                var pred = gold.Select(t => random.Next(3) == 0 ? tags[random.Next(tags.Length)] : t).ToArray();
                sentences.Add(new ConllSentence(gold, pred));
            }
            var expected = ConllevalPort.Count(sentences);
            var actual = ConllScorer.Score(sentences);
            (actual.Chunks.Micro.TruePositives, actual.Chunks.Micro.Predicted, actual.Chunks.Micro.Gold, actual.CorrectTags)
                .Should().Be(expected, "trial {0}: {1}", trial, string.Join(" | ", sentences.Select(x => string.Join(" ", x.Gold) + " / " + string.Join(" ", x.Predicted))));
        }
    }

    [Fact]
    public void Entities_decoded_from_conll_tags_score_like_conlleval_through_the_corpus_evaluator()
    {
        // The evaluate command's path for CoNLL files: tags → entities per sentence → strict entity scores.
        var gold = new List<Documents.AnnotatedDocument>();
        var pred = new List<Documents.AnnotatedDocument>();
        for (var i = 0; i < Case.Length; i++)
        {
            var words = Enumerable.Range(0, Case[i].Gold.Count).Select(k => $"w{k}").ToArray();
            var text = string.Join(' ', words);
            var tokens = ClinicalTokenizer.Default.TokenizeWords(text);
            gold.Add(ToDocument($"s{i}", text, tokens, Case[i].Gold));
            pred.Add(ToDocument($"s{i}", text, tokens, Case[i].Predicted));
        }
        var strict = CorpusEvaluator.Evaluate(gold, pred).Entities.Strict;
        var conll = ConllScorer.Score(Case).Chunks;
        strict.Micro.Should().Be(conll.Micro);
        strict.Labels.Should().Equal(conll.Labels);
    }

    private static Documents.AnnotatedDocument ToDocument(string id, string text, IReadOnlyList<Token> tokens, IReadOnlyList<string> tags)
    {
        var entities = TagCodec.Decode(tokens, tags, TagScheme.Bio)
            .Select((c, k) => new Entity($"T{k + 1}", c.Span, c.Label)).ToList();
        return new Documents.AnnotatedDocument(new Document(id, text), entities);
    }

    /// <summary>
    /// conlleval's per-token loop for BIO tags, written from its description (chunk starts and ends as in
    /// its startOfChunk/endOfChunk, a running "in a correct chunk" flag, sentence breaks as O O), kept
    /// independent of <see cref="TagCodec"/> to check the span-matching implementation against it.
    /// Returns (correct chunks, found, phrases, correct tags).
    /// </summary>
    private static class ConllevalPort
    {
        public static (int, int, int, int) Count(IEnumerable<ConllSentence> sentences)
        {
            int correctChunk = 0, foundGuessed = 0, foundCorrect = 0, correctTags = 0;
            var inCorrect = false;
            string lastC = "O", lastCT = "", lastG = "O", lastGT = "";
            var lines = new List<(string Gold, string Pred, bool Boundary)>();
            foreach (var s in sentences)
            {
                for (var i = 0; i < s.Gold.Count; i++) lines.Add((s.Gold[i], s.Predicted[i], false));
                lines.Add(("O", "O", true));
            }
            foreach (var (goldTag, predTag, boundary) in lines)
            {
                var (c, ct) = Split(goldTag);
                var (g, gt) = Split(predTag);
                if (inCorrect)
                {
                    var endC = End(lastC, c, lastCT, ct);
                    var endG = End(lastG, g, lastGT, gt);
                    if (endC && endG && lastGT == lastCT) { inCorrect = false; correctChunk++; }
                    else if (endC != endG || gt != ct) inCorrect = false;
                }
                var startC = Start(lastC, c, lastCT, ct);
                var startG = Start(lastG, g, lastGT, gt);
                if (startC && startG && gt == ct) inCorrect = true;
                if (startC) foundCorrect++;
                if (startG) foundGuessed++;
                if (!boundary && c == g && ct == gt) correctTags++;
                (lastC, lastCT, lastG, lastGT) = (c, ct, g, gt);
            }
            if (inCorrect) correctChunk++;
            return (correctChunk, foundGuessed, foundCorrect, correctTags);
        }

        private static (string, string) Split(string tag)
        {
            var dash = tag.IndexOf('-');
            return dash < 0 ? (tag, "") : (tag[..dash], tag[(dash + 1)..]);
        }

        private static bool End(string prev, string tag, string prevType, string type) =>
            (prev is "B" or "I" && tag is "B" or "O") || (prev != "O" && prevType != type);

        private static bool Start(string prev, string tag, string prevType, string type) =>
            tag == "B" || (prev == "O" && tag == "I") || (tag != "O" && prevType != type);
    }
}
