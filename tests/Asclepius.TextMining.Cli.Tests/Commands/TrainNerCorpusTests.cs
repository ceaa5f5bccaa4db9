using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>
/// `train ner` on real BC5CDR files in both layouts the issue names (PubTator and the BIO token files),
/// on slices small enough for a test run; the full-size numbers are bench/ner.sh's.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Corpus")]
public class TrainNerCorpusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The first <paramref name="documents"/> PubTator documents (blank-line separated) of a BC5CDR file.</summary>
    private string PubTatorSlice(string name, int documents)
    {
        var text = File.ReadAllText(SharedData.File("bc5cdr", "pubtator", name)).Replace("\r\n", "\n");
        var docs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Take(documents);
        var path = _dir.File(name);
        File.WriteAllText(path, string.Join("\n\n", docs) + "\n\n");
        return path;
    }

    /// <summary>The first <paramref name="sentences"/> sentences of a BC5CDR BIO file.</summary>
    private string BioSlice(string name, int sentences)
    {
        var text = File.ReadAllText(SharedData.File("bc5cdr", "bio", name)).Replace("\r\n", "\n");
        var path = _dir.File(name);
        File.WriteAllText(path, string.Join("\n\n", text.Split("\n\n").Take(sentences)) + "\n");
        return path;
    }

    private double TrainAndEvaluate(string train, string dev)
    {
        var model = _dir.File($"m-{Guid.NewGuid():N}.zip");
        var run = CliRunner.Run("train", "ner", "--train", train, "--dev", dev, "--out", model);
        run.ExitCode.Should().Be(0, run.ToString());
        var json = _dir.File("r.json");
        var eval = CliRunner.Run("evaluate", "--model", model, "--gold", dev, "--json", json);
        eval.ExitCode.Should().Be(0, eval.ToString());
        return JsonNode.Parse(File.ReadAllText(json))!["entities"]!["micro"]!["f1"]!.GetValue<double>();
    }

    [Fact]
    public void Token_window_trains_on_pubtator_and_labels_held_out_abstracts()
    {
        var f1 = TrainAndEvaluate(PubTatorSlice("CDR_TrainingSet.PubTator.txt", 150), PubTatorSlice("CDR_DevelopmentSet.PubTator.txt", 60));
        f1.Should().BeGreaterThan(0.65);
    }

    [Fact]
    public void Token_window_trains_on_bio_token_files()
    {
        var f1 = TrainAndEvaluate(BioSlice("train.tsv", 1500), BioSlice("devel.tsv", 400));
        f1.Should().BeGreaterThan(0.65);
    }
}
