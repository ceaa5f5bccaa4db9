using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>
/// `evaluate` on two CoNLL files gives conlleval's numbers. The sentences are those of Core's
/// ConllScorerTests; conlleval.pl (2004-01-26) on them prints
/// "processed 14 tokens with 6 phrases; found: 7 phrases; correct: 4." and per type
/// LOC 66.67/66.67/66.67 (found 3), MISC 100/100/100 (1), ORG 0/0/0 (1), PER 50/100/66.67 (2).
/// </summary>
[Collection(CliCollection.Name)]
public class EvaluateConllTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // (gold, predicted) per token; null marks a sentence break, "DOC" a -DOCSTART- line.
    private static readonly (string Gold, string Pred)?[] Lines =
    [
        ("DOC", "DOC"),
        ("B-PER", "B-PER"), ("I-PER", "I-PER"), ("O", "O"), ("B-LOC", "O"), ("I-LOC", "I-LOC"), null,         // predicted LOC: I- after O
        ("O", "O"), ("I-ORG", "B-ORG"), ("I-ORG", "I-PER"), ("O", "O"), ("B-MISC", "B-MISC"), null,          // gold I- after O; predicted type switch; chunk at sentence end
        ("DOC", "DOC"),
        ("B-LOC", "B-LOC"), ("I-LOC", "I-LOC"), null,
        ("I-LOC", "I-LOC"), ("O", "O"), null,                                                                // a new chunk after the break
    ];

    private string Write(string name, bool gold)
    {
        var path = _dir.File(name);
        var words = new[] { "Naloxone", "reversed", "the", "clonidine", "effect" };
        var sb = new System.Text.StringBuilder();
        var k = 0;
        foreach (var line in Lines)
        {
            if (line is null) { sb.Append('\n'); k = 0; continue; }
            if (line.Value.Gold == "DOC") { sb.Append("-DOCSTART-\tO\n\n"); continue; }
            sb.Append(words[k++ % words.Length]).Append('\t').Append(gold ? line.Value.Gold : line.Value.Pred).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void Two_conll_files_score_exactly_like_conlleval()
    {
        var gold = Write("gold.conll", gold: true);
        var pred = Write("pred.conll", gold: false);
        var json = _dir.File("e.json");

        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred, "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("paired in file order");
        var e = JsonNode.Parse(File.ReadAllText(json))!["entities"]!;
        // conlleval: precision = correct/found = 4/7, recall = correct/phrases = 4/6, FB1 = 2PR/(P+R) = 8/13.
        Counts(e["micro"]!).Should().Be((4, 3, 2));
        e["micro"]!["precision"]!.GetValue<double>().Should().BeApproximately(4.0 / 7, 1e-12);
        e["micro"]!["recall"]!.GetValue<double>().Should().BeApproximately(4.0 / 6, 1e-12);
        e["micro"]!["f1"]!.GetValue<double>().Should().BeApproximately(8.0 / 13, 1e-12);
        Counts(e["labels"]!["LOC"]!).Should().Be((2, 1, 1));
        Counts(e["labels"]!["MISC"]!).Should().Be((1, 0, 0));
        Counts(e["labels"]!["ORG"]!).Should().Be((0, 1, 1));
        Counts(e["labels"]!["PER"]!).Should().Be((1, 1, 0));
        e["labels"]!["ORG"]!["f1"]!.GetValue<double>().Should().Be(0.0, "conlleval prints 0.00 when nothing is correct");
        // Percentages as conlleval prints them.
        (100 * e["labels"]!["PER"]!["f1"]!.GetValue<double>()).ToString("F2", System.Globalization.CultureInfo.InvariantCulture).Should().Be("66.67");
    }

    [Fact]
    public void Conll_files_with_different_tokens_fail_naming_the_document()
    {
        var gold = Write("gold.conll", gold: true);
        var pred = _dir.File("pred.conll");
        File.WriteAllText(pred, File.ReadAllText(gold).Replace("clonidine", "naloxone"));

        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain("ATM602").And.Contain("document 1 (gold-1)");
    }

    private static (int, int, int) Counts(JsonNode s) => (s["tp"]!.GetValue<int>(), s["fp"]!.GetValue<int>(), s["fn"]!.GetValue<int>());
}
