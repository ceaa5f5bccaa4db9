using System.IO.Compression;
using Asclepius.TextMining.Cli.Quickstart;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`asclepius quickstart` end to end at a small count: generate → train NER + RE → one package → label the samples.</summary>
[Collection(CliCollection.Name)]
public sealed class QuickstartCommandTests
{
    private static readonly string Samples = Path.Combine(SharedData.RepoRoot, "data", "samples");

    [Fact]
    public void Quickstart_writes_one_package_and_labels_every_sample_note()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("quickstart", "--out", dir.Path, "--count", "40", "--seed", "2");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("total").And.Contain("model.zip").And.Contain("labels.jsonl").And.Contain("run.json");

        var pipeline = ExtractionPipeline.Load(dir.File("model.zip"));
        pipeline.Package.Components.Select(c => c.Name).Should().Equal("ner", ClinicalContext.SectionsComponent, ClinicalContext.AssertionsComponent, "relations");
        pipeline.Recognizer.Should().NotBeNull();
        pipeline.Relations.Should().NotBeNull();
        pipeline.Package.Schema.Name.Should().Be("chemical-disease");

        var labeled = CorpusFormats.ReadAll(dir.File("labels.jsonl"), JsonlFormat.FormatName);
        labeled.Select(d => d.Id).Should().BeEquivalentTo(Directory.GetFiles(Samples, "*.txt").Select(Path.GetFileNameWithoutExtension));
        labeled.SelectMany(d => d.Entities).Should().NotBeEmpty();
        File.ReadAllLines(dir.File(Path.Combine("generated", "data.jsonl"))).Should().HaveCount(40);

        // Nothing machine-specific in the package, so the default model rebuilds byte for byte elsewhere.
        var ner = pipeline.Package.Components.Single(c => c.Name == "ner");
        pipeline.Package.ReadComponentText(ner, "model.json").Should().Contain(QuickstartRunner.RecordedLexiconFolder).And.NotContain(dir.Path);
        pipeline.Package.ReadText("training/options.json").Should().Contain(QuickstartRunner.RecordedLexiconFolder).And.NotContain(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        using var mlnet = new ZipArchive(new MemoryStream(pipeline.Package.ReadComponentFile(ner, "model.zip")), ZipArchiveMode.Read);
        mlnet.Entries.Should().OnlyContain(e => e.LastWriteTime.Year == ZipTimestamps.Fixed.Year);
    }

    [Fact]
    public void Too_small_a_count_is_bad_usage()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("quickstart", "--out", dir.Path, "--count", "5");
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--count");
    }

    [Theory]
    [InlineData("--concept-weighting", "-1", "--concept-weighting")]
    [InlineData("--concept-weighting", "0", "--concept-prior")]
    [InlineData("--outside-penalty", "25", "--outside-penalty")]
    public void A_bad_concept_weighting_is_bad_usage(string option, string value, string named)
    {
        using var dir = new TempDir();
        string[] weighting = named == "--concept-prior" ? ["--concept-prior", "2"] : [];
        var run = CliRunner.Run(["quickstart", "--out", dir.Path, "--count", "40", option, value, .. weighting]);
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain(named);
    }

    [Fact]
    public void Concept_weighting_and_a_fixed_outside_penalty_reach_the_generator_and_the_model()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("quickstart", "--out", dir.Path, "--count", "40", "--seed", "3", "--concept-weighting", "0.75", "--concept-prior", "2", "--outside-penalty", "0.5");
        run.ExitCode.Should().Be(0, run.ToString());
        var manifest = File.ReadAllText(dir.File(Path.Combine("generated", "run.json")));
        manifest.Should().Contain("concept-counts.tsv").And.Contain("ConceptWeighting").And.Contain("0.75");

        var package = ExtractionPipeline.Load(dir.File("model.zip")).Package;
        var ner = package.Components.Single(c => c.Name == "ner");
        package.ReadComponentText(ner, "model.json").Should().MatchRegex("\"outside_penalty\":\\s*0.5\\b");
    }
}
