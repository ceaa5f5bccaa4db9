using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Models;

/// <summary>
/// The published numbers stay true: the committed default model scores on BC5CDR test exactly the strict
/// micro P/R/F1 that models/README.md states, and token-window training on BC5CDR reproduces exactly the row
/// docs/BENCHMARKS.md states (both read from those tables, so a document and this test cannot drift apart).
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Corpus")]
public sealed class DefaultModelCorpusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Default_model_scores_exactly_its_documented_bc5cdr_test_figures()
    {
        var documented = DocumentedBc5cdrTest();
        var json = _dir.File("e.json");

        var run = CliRunner.Run("evaluate", "--model", Path.Combine(SharedData.RepoRoot, "models", "chemical-disease.zip"),
            "--gold", SharedData.File("bc5cdr", "pubtator", "CDR_TestSet.PubTator.txt"), "--json", json);

        run.ExitCode.Should().Be(0, run.ToString());
        var micro = JsonNode.Parse(File.ReadAllText(json))!["entities"]!["micro"]!;
        Math.Round(micro["precision"]!.GetValue<double>(), 4).Should().Be(documented.Precision, "models/README.md states this precision");
        Math.Round(micro["recall"]!.GetValue<double>(), 4).Should().Be(documented.Recall, "models/README.md states this recall");
        Math.Round(micro["f1"]!.GetValue<double>(), 4).Should().Be(documented.F1, "models/README.md states this F1");
    }

    [Fact]
    public void Token_window_training_on_bc5cdr_reproduces_its_documented_test_scores()
    {
        var row = Regex.Match(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "docs", "BENCHMARKS.md")),
            @"^\| token-window \| (?<chem>[0-9.]+) \| (?<dis>[0-9.]+) \| (?<p>[0-9.]+) \| (?<r>[0-9.]+) \| \*\*(?<f>[0-9.]+)\*\* \|", RegexOptions.Multiline);
        row.Success.Should().BeTrue("docs/BENCHMARKS.md must state token-window's BC5CDR test scores");
        double Documented(string group) => double.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);
        string Pubtator(string name) => SharedData.File("bc5cdr", "pubtator", name);
        var model = _dir.File("tw.zip");
        var json = _dir.File("e.json");

        // The documented command: default options and seed, dev picks the decoding settings.
        var train = CliRunner.Run("train", "ner", "--train", Pubtator("CDR_TrainingSet.PubTator.txt"),
            "--dev", Pubtator("CDR_DevelopmentSet.PubTator.txt"), "--out", model, "--backend", "token-window");
        train.ExitCode.Should().Be(0, train.ToString());
        var run = CliRunner.Run("evaluate", "--model", model, "--gold", Pubtator("CDR_TestSet.PubTator.txt"), "--json", json);
        run.ExitCode.Should().Be(0, run.ToString());

        var entities = JsonNode.Parse(File.ReadAllText(json))!["entities"]!;
        double Scored(JsonNode prf, string key) => Math.Round(prf[key]!.GetValue<double>(), 4);
        Scored(entities["labels"]!["Chemical"]!, "f1").Should().Be(Documented("chem"));
        Scored(entities["labels"]!["Disease"]!, "f1").Should().Be(Documented("dis"));
        Scored(entities["micro"]!, "precision").Should().Be(Documented("p"));
        Scored(entities["micro"]!, "recall").Should().Be(Documented("r"));
        Scored(entities["micro"]!, "f1").Should().Be(Documented("f"));
    }

    /// <summary>The row "| BC5CDR test (500 PubMed abstracts, real gold) | NER strict micro | P | R | **F1** ..." of models/README.md.</summary>
    private static (double Precision, double Recall, double F1) DocumentedBc5cdrTest()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "models", "README.md"));
        var row = Regex.Match(readme, @"^\| BC5CDR test \([^|]*\) \| NER strict micro \| (?<p>[0-9.]+) \| (?<r>[0-9.]+) \| \*\*(?<f>[0-9.]+)\*\*", RegexOptions.Multiline);
        row.Success.Should().BeTrue("models/README.md must state the default model's BC5CDR test strict micro P/R/F1");
        double Read(string group) => double.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);
        return (Read("p"), Read("r"), Read("f"));
    }
}
