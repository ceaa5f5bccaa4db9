using System.Text.Json;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>The acceptance run on the real MTSamples sample (../shared/data): all 500 notes labeled, then all skipped.</summary>
[Collection("console")]
[Trait("Category", "Corpus")]
public sealed class LabelCorpusTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-corpus-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Mtsamples_sample_is_labeled_whole_and_a_rerun_skips_it_all()
    {
        var input = SharedData.File("mtsamples", "mtsamples_sample.csv");
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var output = Path.Combine(_dir, "out.jsonl");
        CliApp.Run(["label", "--model", model, "--in", input, "--text-column", "text", "--out", output]).Should().Be(CliApp.Ok);
        var ids = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        ids.Should().HaveCount(500).And.OnlyHaveUniqueItems();
        var size = new FileInfo(output).Length;
        CliApp.Run(["label", "--model", model, "--in", input, "--text-column", "text", "--out", output]).Should().Be(CliApp.Ok);
        new FileInfo(output).Length.Should().Be(size);
    }
}
