using System.Text.Json;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Hostile;

/// <summary>No silently wrong results (issue #14): BRAT offsets, an input with no notes, discontinuous BRAT spans.</summary>
[Collection("console")]
public sealed class SilentResultTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _model;

    public SilentResultTests() => _model = TestPackages.Dictionary(_dir.File("m.zip"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Label_brat_output_has_the_offsets_convert_writes_and_reads_back_after_non_bmp_characters()
    {
        var input = _dir.File("in.jsonl");
        File.WriteAllText(input, "{\"id\":\"n1\",\"text\":\"\U0001F600\U0001F600 takes aspirin;\\nchest\\npain and \U0001D4B3 hypertension\"}\n");
        CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("out.jsonl")).ExitCode.Should().Be(CliApp.Ok);
        var run = CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("brat"), "--out-format", "brat");
        run.ExitCode.Should().Be(CliApp.Ok, run.ToString());
        CliRunner.Run("convert", _dir.File("out.jsonl"), _dir.File("converted"), "--to", "brat").ExitCode.Should().Be(CliApp.Ok);

        File.ReadAllText(_dir.File("brat/n1.ann")).Should().Be(File.ReadAllText(_dir.File("converted/n1.ann")));
        var jsonl = CorpusFormats.ReadAll(_dir.File("out.jsonl"), "jsonl").Single();
        var brat = CorpusFormats.ReadAll(_dir.File("brat"), "brat").Single(d => d.Id == "n1");
        brat.Entities.Select(e => (e.Span, e.Label)).Should().Equal(jsonl.Entities.Select(e => (e.Span, e.Label)));
        brat.Entities.Should().Contain(e => brat.TextOf(e) == "chest\npain", "an entity across a line break is written as fragments and read back whole");
    }

    [Theory]
    [InlineData("empty.jsonl", "")]
    [InlineData("blank.jsonl", "\n\n  \n")]
    [InlineData("header-only.csv", "id,text\n")]
    public void An_input_with_no_notes_is_an_error_not_a_success(string name, string content)
    {
        File.WriteAllText(_dir.File(name), content);
        var run = CliRunner.Run("label", "-m", _model, "-i", _dir.File(name), "-o", _dir.File("o.jsonl"), "--overwrite");
        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain(ErrorCodes.EmptyInput);
    }

    [Fact]
    public void An_empty_notes_folder_is_an_error()
    {
        Directory.CreateDirectory(_dir.File("none"));
        var run = CliRunner.Run("label", "-m", _model, "-i", _dir.File("none"), "-o", _dir.File("o.jsonl"));
        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain(ErrorCodes.EmptyInput);
    }

    [Fact]
    public void Discontinuous_brat_entities_are_counted_and_told()
    {
        var folder = _dir.File("b");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "d.txt"), "aspirin and then heparin");
        File.WriteAllText(Path.Combine(folder, "d.ann"), "T1\tChemical 0 7\taspirin\nT2\tChemical 0 3;17 24\tasp heparin\n");
        foreach (var args in new[] { new[] { "stats", folder }, ["convert", folder, _dir.File("c.jsonl")] })
        {
            var run = CliRunner.Run(args);
            run.ExitCode.Should().Be(CliApp.Ok, run.ToString());
            run.Error.Should().Contain("discontinuous entity skipped: 1", run.ToString());
        }
        JsonDocument.Parse(File.ReadAllLines(_dir.File("c.jsonl")).Single()).RootElement.GetProperty("entities").GetArrayLength().Should().Be(1);
    }
}
