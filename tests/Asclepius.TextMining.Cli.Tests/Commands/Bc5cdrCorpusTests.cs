using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>The acceptance numbers on BC5CDR (../shared/data), through the CLI as a user runs it.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Corpus")]
public class Bc5cdrCorpusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string PubTator(string name) => SharedData.File("bc5cdr", "pubtator", name);

    [Theory]
    [InlineData("CDR_TestSet.PubTator.txt", 500, 5385, 4424, 1066)]
    [InlineData("CDR_TrainingSet.PubTator.txt", 500, 5203, 4182, 1038)]
    [InlineData("CDR_DevelopmentSet.PubTator.txt", 500, 5347, 4244, 1012)]
    public void Stats_reports_the_published_counts(string file, int documents, int chemicals, int diseases, int cid)
    {
        var json = _dir.File("s.json");

        var run = CliRunner.Run("stats", PubTator(file), "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        var s = JsonNode.Parse(File.ReadAllText(json))!;
        s["documents"]!.GetValue<int>().Should().Be(documents);
        s["entities"]!["Chemical"]!.GetValue<int>().Should().Be(chemicals);
        s["entities"]!["Disease"]!.GetValue<int>().Should().Be(diseases);
        s["relations"]!["CID"]!.GetValue<int>().Should().Be(cid);
        s["problems"]!.GetValue<int>().Should().Be(0);
        s["misaligned"]!.GetValue<int>().Should().BeLessThan((chemicals + diseases) / 200, "under 0.5% of gold spans may fall off token boundaries");
        run.Out.Should().Contain(chemicals.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Test_set_against_itself_scores_one_everywhere()
    {
        var test = PubTator("CDR_TestSet.PubTator.txt");
        var json = _dir.File("e.json");

        var run = CliRunner.Run("evaluate", "--gold", test, "--pred", test, "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        var e = JsonNode.Parse(File.ReadAllText(json))!;
        // 42 entity and relation scores plus 12 document-level concept scores: PubTator mentions carry MeSH ids,
        // so the gold set read as a prediction is also scored for concept linking.
        AllScores(e).Should().HaveCount(54).And.OnlyContain(x => x == 1.0);
        e["linking"]!["accuracy"]!.GetValue<double>().Should().Be(1.0);
        e["entities"]!["micro"]!["tp"]!.GetValue<int>().Should().Be(5385 + 4424);
        e["relations"]!["document_level"]!["micro"]!["tp"]!.GetValue<int>().Should().Be(1066);
    }

    [Fact]
    public void Test_set_converted_to_jsonl_scores_one_against_the_pubtator_original()
    {
        var test = PubTator("CDR_TestSet.PubTator.txt");
        var jsonl = _dir.File("test.jsonl");
        var json = _dir.File("e.json");

        var convert = CliRunner.Run("convert", test, jsonl);
        convert.ExitCode.Should().Be(0, convert.ToString());
        convert.Out.Should().Contain("converted 500 documents (9809 entities, 1066 relations) from pubtator to jsonl");

        var run = CliRunner.Run("evaluate", "--gold", test, "--pred", jsonl, "--json", json);
        run.ExitCode.Should().Be(0, run.ToString());
        AllScores(JsonNode.Parse(File.ReadAllText(json))!).Should().OnlyContain(x => x == 1.0);
    }

    private static List<double> AllScores(JsonNode node)
    {
        var scores = new List<double>();
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                if (key is "precision" or "recall" or "f1") scores.Add(value!.GetValue<double>());
                else if (value is not null) scores.AddRange(AllScores(value));
            }
        }
        return scores;
    }
}
