using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.TestKit;
using Xunit.Abstractions;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// How many BC5CDR gold spans do not start and end on <see cref="ClinicalTokenizer"/> token boundaries
/// (TagCodec's Misaligned problems). The number and the kinds of misses are in docs/FORMATS.md.
/// </summary>
[Trait("Category", "Corpus")]
public class TokenizerAlignmentCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Bc5cdr_gold_spans_fall_on_token_boundaries_more_than_99_5_percent_of_the_time()
    {
        int total = 0, misaligned = 0;
        foreach (var split in new[] { "TrainingSet", "DevelopmentSet", "TestSet" })
        {
            int splitTotal = 0, splitMisaligned = 0;
            foreach (var doc in CorpusFormats.ReadAll(CorpusReadTests.Bc5cdr(split)))
            {
                var tokens = ClinicalTokenizer.Default.TokenizeWords(doc.Text);
                var encoding = TagCodec.Encode(tokens, doc.Entities, TagScheme.Bio);
                splitTotal += doc.Entities.Count;
                foreach (var p in encoding.Problems.Where(p => p.Kind == AlignmentProblemKind.Misaligned))
                {
                    splitMisaligned++;
                    var s = p.Entity.Span;
                    var from = Math.Max(0, s.Start - 12);
                    var to = Math.Min(doc.Text.Length, s.End + 12);
                    output.WriteLine($"{split} {doc.Id} {p.Entity.Label}: …{doc.Text[from..s.Start]}[{doc.Text[s.Start..s.End]}]{doc.Text[s.End..to]}…");
                }
            }
            output.WriteLine($"{split}: {splitMisaligned} of {splitTotal} spans misaligned ({100.0 * splitMisaligned / splitTotal:F3}%)");
            total += splitTotal;
            misaligned += splitMisaligned;
        }
        var rate = (double)misaligned / total;
        output.WriteLine($"all: {misaligned} of {total} spans misaligned ({100 * rate:F3}%)");
        total.Should().Be(15935 + 12850);
        rate.Should().BeLessThan(0.005);
    }
}
