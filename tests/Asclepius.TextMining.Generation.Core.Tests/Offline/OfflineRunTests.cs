using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class OfflineRunTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "asclepius-offline-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static OfflineGenerator Generator() => OfflineFixtures.Generator(null,
        OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "a"),
        OfflineFixtures.Line("Patients given {Chemical:1} developed {Disease:1} and {Disease:2}.", OfflineFixtures.Cid11, relation: "CID", id: "b"),
        OfflineFixtures.Line("{Chemical:1} did not cause {Disease:1} in {Disease:2} patients.", context: "negated", id: "c"));

    private RunResult Run(string folder, int target) =>
        new GenerationRunner(Generator(), new SampleValidator(OfflineFixtures.Schema), new GenerationRunOptions { OutputDirectory = Path.Combine(_root, folder), TargetCount = target, Seed = 3, BatchSize = 1 })
            .RunAsync(CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void A_rerun_with_a_larger_count_adds_exactly_the_difference_and_matches_a_single_run()
    {
        Run("resumed", 30).Status.Should().Be(RunStatus.Completed);
        var first = File.ReadAllLines(Path.Combine(_root, "resumed", GenerationRunner.DataFileName));
        first.Should().HaveCount(30);

        Run("resumed", 45).Status.Should().Be(RunStatus.Completed);
        var resumed = File.ReadAllLines(Path.Combine(_root, "resumed", GenerationRunner.DataFileName));
        resumed.Should().HaveCount(45);
        resumed.Take(30).Should().Equal(first);

        Run("single", 45);
        // One sample per batch, so no target falls mid-batch (the runner drops a batch's unused rest).
        File.ReadAllLines(Path.Combine(_root, "single", GenerationRunner.DataFileName)).Should().Equal(resumed, "batch i is always asked with the seed of (run seed, i)");

        var manifest = RunManifest.Load(Path.Combine(_root, "resumed", GenerationRunner.ManifestFileName));
        manifest.Provider.Should().Be("offline");
        manifest.Model.Should().Be(Generator().Model);
        manifest.Kept.Should().Be(45);
        manifest.Invocations.Should().Be(2);
        manifest.Prompts.Should().BeEmpty("in-memory fixtures have no files");
        manifest.Generator.Should().ContainKey("data_sha256");
        resumed.Should().OnlyHaveUniqueItems();
        resumed.Should().Contain(l => l.Contains("\"context\":\"negated\""));
    }
}
