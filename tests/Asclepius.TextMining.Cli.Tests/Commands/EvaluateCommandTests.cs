using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public class EvaluateCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, IEnumerable<AnnotatedDocument> docs)
    {
        var path = _dir.File(name);
        return Corpora.WriteJsonl(path, docs);
    }

    [Fact]
    public void Corpus_against_itself_is_one_everywhere()
    {
        var gold = Write("gold.jsonl", EvaluationCorpus.Gold());
        var json = _dir.File("scores.json");

        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", gold, "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("Entities, strict").And.Contain("Entities, lenient").And.Contain("Relations, document level").And.Contain("micro");
        var root = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        root.Select(kv => kv.Key).Should().Equal("entities", "relations");
        var f1s = AllScores(root).ToList();
        f1s.Should().HaveCountGreaterThan(20).And.OnlyContain(x => x == 1.0);
    }

    [Fact]
    public void Edited_copy_gives_the_hand_computed_numbers()
    {
        // See EvaluationCorpus.EditedPrediction and Core's CorpusEvaluatorTests for the arithmetic.
        var gold = Write("gold.jsonl", EvaluationCorpus.Gold());
        var pred = Write("pred.jsonl", EvaluationCorpus.EditedPrediction());
        var json = _dir.File("scores.json");

        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred, "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        var r = JsonNode.Parse(File.ReadAllText(json))!;
        r["entities"]!["micro"]!["precision"]!.GetValue<double>().Should().Be(0.625);
        r["entities"]!["micro"]!["tp"]!.GetValue<int>().Should().Be(5);
        r["entities"]!["labels"]!["Disease"]!["fp"]!.GetValue<int>().Should().Be(3);
        r["entities"]!["macro"]!["f1"]!.GetValue<double>().Should().BeApproximately(41.0 / 63, 1e-12);
        r["entities"]!["lenient"]!["micro"]!["f1"]!.GetValue<double>().Should().Be(0.75);
        r["relations"]!["micro"]!["f1"]!.GetValue<double>().Should().BeApproximately(2.0 / 7, 1e-12);
        r["relations"]!["document_level"]!["micro"]!["f1"]!.GetValue<double>().Should().BeApproximately(4.0 / 7, 1e-12);
        run.Out.Should().Contain("0.6250");
    }

    [Fact]
    public void Documents_missing_from_the_prediction_fail_with_their_ids()
    {
        var gold = Write("gold.jsonl", EvaluationCorpus.Gold());
        var pred = Write("pred.jsonl", EvaluationCorpus.Gold().Take(2));

        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain("ATM601").And.Contain("(d3)");
    }

    [Fact]
    public void Different_text_under_one_id_fails_naming_the_document()
    {
        var gold = Write("gold.jsonl", EvaluationCorpus.Gold());
        var changed = EvaluationCorpus.Gold().Select(d => d.Id == "d2" ? d with { Document = d.Document with { Text = d.Text.Replace("caused", "causes") } } : d);
        var pred = Write("pred.jsonl", changed);

        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain("document d2").And.Contain("ATM602");
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("evaluate", "--gold", "g.jsonl")]
    [InlineData("evaluate", "--pred", "p.jsonl")]
    [InlineData("evaluate", "--gold", "g.jsonl", "--pred", "p.jsonl", "--pred-format", "nope")]
    public void Bad_usage_exits_2(params string[] args)
    {
        var run = CliRunner.Run(args);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().StartWith("error: ");
    }

    [Fact]
    public void Missing_options_are_named()
    {
        CliRunner.Run("evaluate").Error.Should().Contain("--gold").And.Contain("--pred");
    }

    [Fact]
    public void Json_output_may_not_overwrite_an_input()
    {
        var gold = Write("gold.jsonl", EvaluationCorpus.Gold());
        var pred = Write("pred.jsonl", EvaluationCorpus.Gold());
        CliRunner.Run("evaluate", "--gold", gold, "--pred", pred, "--json", pred).ExitCode.Should().Be(2);
    }

    [Fact]
    public void Pred_format_overrides_format_for_the_prediction_only()
    {
        var gold = Write("gold.jsonl", EvaluationCorpus.Gold());
        var pred = Write("pred.anything", EvaluationCorpus.Gold());
        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred, "--pred-format", "jsonl");
        run.ExitCode.Should().Be(0, run.ToString());
    }

    private static IEnumerable<double> AllScores(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                if (key is "precision" or "recall" or "f1") yield return value!.GetValue<double>();
                else if (value is JsonObject) foreach (var x in AllScores(value)) yield return x;
            }
        }
    }
}
