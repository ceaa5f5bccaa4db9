using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Reports;
using Asclepius.TextMining.Cli.Tests.Reports;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class EvaluateModelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Package()
    {
        var lexicon = _dir.File("lexicon.tsv");
        File.WriteAllText(lexicon, "fever\tProblem\ncough\tProblem\naspirin\tDrug\n");
        var model = _dir.File("m.zip");
        CliRunner.Run("dictionary", "--lexicon", lexicon, "--out", model).ExitCode.Should().Be(0);
        return model;
    }

    [Fact]
    public void Model_predictions_are_scored_with_assertions_and_reported()
    {
        var model = Package();
        ModelPackage.Open(model).Components.Select(c => c.Name).Should().Equal("ner", "sections", "assertions");
        var text = "Denies fever. Cough since Monday. Takes aspirin.";
        Entity E(string s, string label, Assertions a = Assertions.None) =>
            new($"T{text.IndexOf(s, StringComparison.Ordinal)}", new TextSpan(text.IndexOf(s, StringComparison.Ordinal), text.IndexOf(s, StringComparison.Ordinal) + s.Length), label, Assertions: a);
        var gold = Corpora.WriteJsonl(_dir.File("gold.jsonl"),
            [new AnnotatedDocument(new Document("n1", text), [E("fever", "Problem", Assertions.Negated), E("Cough", "Problem"), E("aspirin", "Drug")])]);
        var json = _dir.File("r.json");
        var report = _dir.File("r.html");
        var run = CliRunner.Run("evaluate", "--gold", gold, "--model", model, "--json", json, "--report", report);
        run.ExitCode.Should().Be(0, run.ToString());
        var root = JsonNode.Parse(File.ReadAllText(json))!;
        ((double)root["entities"]!["micro"]!["f1"]!).Should().Be(1.0);
        ((double)root["assertions"]!["negated"]!["f1"]!).Should().Be(1.0, "the package's context rules flag 'Denies fever'");
        var dom = HtmlDom.Parse(File.ReadAllText(report));
        dom.ById("group-entities-strict").Should().NotBeNull();
        dom.ById("curve")!.ByClass("p", "no-curve").Should().ContainSingle("a dictionary package has no training curve");
    }

    [Fact]
    public void Trained_package_carries_context_and_its_report_shows_the_training_curve()
    {
        var train = Corpora.WriteJsonl(_dir.File("train.jsonl"), TestKit.NerCorpus.Train());
        var held = Corpora.WriteJsonl(_dir.File("held.jsonl"), TestKit.NerCorpus.Held());
        var model = _dir.File("ner.zip");
        CliRunner.Run("train", "ner", "--train", train, "--dev", held, "--out", model, "--seed", "3").ExitCode.Should().Be(0);
        ModelPackage.Open(model).Components.Select(c => c.Name).Should().StartWith(["ner", "sections", "assertions"]);

        var report = _dir.File("r.html");
        CliRunner.Run("evaluate", "--gold", held, "--model", model, "--report", report).ExitCode.Should().Be(0);
        HtmlDom.Parse(File.ReadAllText(report)).ById("curve")!.ByClass("circle", "point").Should().NotBeEmpty("metrics.json holds the training history");
    }

    [Fact]
    public void Pred_and_model_together_are_bad_usage()
    {
        var gold = Corpora.WriteJsonl(_dir.File("g.jsonl"), [new AnnotatedDocument(new Document("d", "x"))]);
        CliRunner.Run("evaluate", "--gold", gold, "--pred", gold, "--model", "m.zip").ExitCode.Should().Be(2);
    }

    [Fact]
    public void Training_curve_is_read_from_a_package_file()
    {
        var path = _dir.File("curve.zip");
        new ModelPackageBuilder("c", Core.Schema.LabelSchema.FromLabels(["Problem"]))
            .SetJson("training/report.json", JsonNode.Parse("""{ "stop": "epochs", "history": [ { "Epoch": 1, "Loss": 3.5, "DevF1": 0.4, "Elapsed": 12.0 }, { "Epoch": 2, "Loss": 2.0, "DevF1": 0.6, "Elapsed": 11.0 } ] }""")!)
            .Save(path);
        var curve = TrainingCurveReader.Read(ModelPackage.Open(path))!;
        curve.Source.Should().Be("training/report.json");
        curve.XName.Should().Be("Epoch");
        curve.Series.Select(s => s.Name).Should().Equal("Loss", "DevF1");
        curve.Series[1].IsScore.Should().BeTrue();
        curve.Series[0].IsScore.Should().BeFalse();
    }
}
