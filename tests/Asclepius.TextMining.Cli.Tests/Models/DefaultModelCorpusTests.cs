using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Models;

/// <summary>
/// The published numbers stay true: the committed default model scores on BC5CDR test exactly the strict
/// micro P/R/F1 that models/README.md states (read from that table, so the document and this test cannot drift).
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
