using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`link build`, `link evaluate`, `package add-linker`, and `label` / `evaluate` with a linked package.</summary>
[Collection(CliCollection.Name)]
public sealed class LinkCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Vocabulary()
    {
        var tsv = _dir.File("vocab.tsv");
        File.WriteAllText(tsv, "id\tname\tsynonyms\tvocabulary\tclass\n" +
            "D006973\tHypertension\thigh blood pressure\tMeSH\tCondition\nD001241\tAspirin\tacetylsalicylic acid\tMeSH\tDrug\n" +
            "D011014\tPneumonia\t\tMeSH\tCondition\nD008687\tMetformin\t\tMeSH\tDrug\nbad line without tabs\n");
        var zip = _dir.File("vocab.zip");
        var run = CliRunner.Run("link", "build", "--vocabulary", tsv, "--out", zip, "--threshold", "0.6");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("4 concepts");
        run.Error.Should().Contain("vocab.tsv:6").And.NotContain("bad line", "rows are named by file and line, never quoted");
        return zip;
    }

    [Fact]
    public void Add_linker_then_label_writes_concepts_into_jsonl()
    {
        var model = TestPackages.Dictionary(_dir.File("base.zip"));
        var linked = _dir.File("linked.zip");
        var add = CliRunner.Run("package", "add-linker", "--model", model, "--vocabulary", Vocabulary(), "--out", linked);
        add.ExitCode.Should().Be(0, add.ToString());
        ModelPackage.Open(linked).Components.Select(c => c.Kind).Should().Equal("Ner.Dictionary.v1", "Link.Dictionary.v1");

        var notes = _dir.File("notes.jsonl");
        File.WriteAllText(notes, "{\"id\":\"n1\",\"text\":\"Hypertension; started aspirin. Pneumonia ruled out.\"}\n");
        var output = _dir.File("out.jsonl");
        var label = CliRunner.Run("label", "--model", linked, "--in", notes, "--out", output);
        label.ExitCode.Should().Be(0, label.ToString());
        var doc = new JsonlFormat().Read(output, ReadOptions.Strict, new ReadReport()).Single();
        doc.Entities.Select(e => e.Concept).Should().Equal("D006973", "D001241", "D011014");
        doc.Entities[0].Link!.Vocabulary.Should().Be("MeSH");
    }

    [Fact]
    public void Link_evaluate_scores_gold_mentions_and_evaluate_reports_linking()
    {
        var vocab = Vocabulary();
        var gold = _dir.File("gold.txt");
        File.WriteAllText(gold,
            "1|t|Hypertension and pneumonia.\n1|a|Aspirin was given.\n" +
            "1\t0\t12\tHypertension\tDisease\tD006973\n1\t17\t26\tpneumonia\tDisease\tD011014\n1\t28\t35\tAspirin\tChemical\tD001241\n\n" +
            "2|t|High blood pressure on metformin.\n2|a|Gout too.\n" +
            "2\t0\t19\tHigh blood pressure\tDisease\tD006973\n2\t23\t32\tmetformin\tChemical\tD008687\n2\t34\t38\tGout\tDisease\tD006073\n\n");
        var json = _dir.File("link.json");
        var run = CliRunner.Run("link", "evaluate", "--vocabulary", vocab, "--gold", gold, "--json", json);
        run.ExitCode.Should().Be(0, run.ToString());
        var scores = JsonNode.Parse(File.ReadAllText(json))!;
        ((int)scores["scores"]!["correct"]!).Should().Be(5);
        ((double)scores["scores"]!["in_vocabulary_accuracy"]!).Should().Be(1.0);
        ((int)scores["document_concepts_in_vocabulary"]!).Should().Be(5, "gout is not in the vocabulary");
        ((int)scores["document_concepts"]!).Should().Be(6);

        var model = TestPackages.Dictionary(_dir.File("base.zip"), lexicon: [("hypertension", "Disease"), ("pneumonia", "Disease"), ("aspirin", "Chemical"), ("metformin", "Chemical")]);
        var linked = _dir.File("linked.zip");
        CliRunner.Run("package", "add-linker", "--model", model, "--vocabulary", vocab, "--out", linked).ExitCode.Should().Be(0);
        var eval = _dir.File("eval.json");
        var e = CliRunner.Run("evaluate", "--model", linked, "--gold", gold, "--json", eval);
        e.ExitCode.Should().Be(0, e.ToString());
        var linking = JsonNode.Parse(File.ReadAllText(eval))!["linking"]!;
        ((int)linking["correct"]!).Should().Be(4, "the dictionary finds four of the six mentions, each linked right");
    }

    [Fact]
    public void A_missing_vocabulary_or_a_bad_threshold_is_refused()
    {
        CliRunner.Run("link", "build", "--vocabulary", _dir.File("nothing"), "--out", _dir.File("v.zip")).Error.Should().Contain("ATM801");
        var model = TestPackages.Dictionary(_dir.File("base.zip"));
        CliRunner.Run("package", "add-linker", "--model", model, "--vocabulary", Vocabulary(), "--out", _dir.File("x.zip"), "--threshold", "3").ExitCode.Should().Be(2);
    }
}
