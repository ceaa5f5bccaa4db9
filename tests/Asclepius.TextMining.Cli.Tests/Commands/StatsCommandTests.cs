using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public class StatsCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteCorpus(string name, IEnumerable<AnnotatedDocument> docs)
    {
        var path = _dir.File(name);
        return Corpora.WriteJsonl(path, docs);
    }

    [Fact]
    public void Stats_counts_documents_labels_and_relations_and_writes_json()
    {
        var corpus = WriteCorpus("gold.jsonl", EvaluationCorpus.Gold());
        var json = _dir.File("out/s.json");

        var run = CliRunner.Run("stats", corpus, "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("documents").And.Contain("Chemical").And.Contain("CID");
        var s = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        s.Select(kv => kv.Key).Should().Contain(["documents", "sentences", "tokens", "entities", "relations", "misaligned", "overlapping", "problems"]);
        s["documents"]!.GetValue<int>().Should().Be(3);
        s["sentences"]!.GetValue<int>().Should().Be(3);
        s["tokens"]!.GetValue<int>().Should().Be(8 + 6 + 7);
        s["entities"]!["Chemical"]!.GetValue<int>().Should().Be(4);
        s["entities"]!["Disease"]!.GetValue<int>().Should().Be(4);
        s["relations"]!["CID"]!.GetValue<int>().Should().Be(4);
        s["misaligned"]!.GetValue<int>().Should().Be(0);
        s["problems"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public void Stats_reports_misaligned_and_overlapping_entities_by_id_not_text()
    {
        var text = "Nephrotoxicity and acute renal failure .";
        var doc = new AnnotatedDocument(new Document("n1", text),
        [
            new Entity("T1", new TextSpan(0, 6), "Disease"),    // "Nephro": ends inside a token
            new Entity("T2", new TextSpan(19, 38), "Disease"),  // "acute renal failure"
            new Entity("T3", new TextSpan(25, 38), "Disease"),  // "renal failure": inside T2, dropped by keep-longest
        ]);
        var corpus = WriteCorpus("m.jsonl", [doc]);
        var json = _dir.File("s.json");

        var run = CliRunner.Run("stats", corpus, "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        var s = JsonNode.Parse(File.ReadAllText(json))!;
        s["misaligned"]!.GetValue<int>().Should().Be(1);
        s["overlapping"]!.GetValue<int>().Should().Be(1);
        s["alignment_examples"]!.AsArray().Select(e => (string)e!["entity"]!).Should().Equal("T1", "T3");
        run.Out.Should().Contain("n1  T1  [0,6)  Disease  misaligned").And.NotContain("Nephro");
    }

    [Fact]
    public void Stats_stops_at_a_bad_record_naming_file_and_line()
    {
        var path = _dir.File("bad.jsonl");
        File.WriteAllLines(path, [Corpora.Line(EvaluationCorpus.Gold()[0]), "{not json"]);

        var run = CliRunner.Run("stats", path);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain($"{path}:2").And.Contain("ATM101").And.NotContain("   at ");
    }

    [Fact]
    public void Stats_lenient_skips_bad_records_counts_them_and_exits_3()
    {
        var path = _dir.File("bad.jsonl");
        File.WriteAllLines(path, [Corpora.Line(EvaluationCorpus.Gold()[0]), "{not json", Corpora.Line(EvaluationCorpus.Gold()[1])]);
        var json = _dir.File("s.json");

        var run = CliRunner.Run("stats", path, "--lenient", "--json", json);

        run.ExitCode.Should().Be(3, run.ToString());
        run.Error.Should().Contain($"{path}:2");
        var s = JsonNode.Parse(File.ReadAllText(json))!;
        s["documents"]!.GetValue<int>().Should().Be(2);
        s["problems"]!.GetValue<int>().Should().Be(1);
    }

    [Theory]
    [InlineData("stats")]                                   // PATH missing
    [InlineData("stats", "x.jsonl", "--format", "nope")] // unknown format
    [InlineData("stats", "x.jsonl", "--bogus")]           // unknown option
    public void Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var run = CliRunner.Run(args);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().StartWith("error: ");
    }

    [Fact]
    public void Unknown_format_lists_the_known_ones()
    {
        var run = CliRunner.Run("stats", "x.jsonl", "--format", "nope");
        run.Error.Should().Contain("unknown format 'nope'").And.Contain("jsonl");
    }

    [Fact]
    public void Missing_input_exits_1_naming_the_path()
    {
        var missing = _dir.File("absent.jsonl");
        var run = CliRunner.Run("stats", missing);
        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain(missing);
    }

    [Fact]
    public void Json_output_may_not_overwrite_the_input()
    {
        var corpus = WriteCorpus("gold.jsonl", EvaluationCorpus.Gold());
        var run = CliRunner.Run("stats", corpus, "--json", corpus);
        run.ExitCode.Should().Be(2, run.ToString());
        File.ReadAllText(corpus).Should().Contain("Cisplatin");
    }
}
