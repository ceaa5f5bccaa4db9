using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public class ConvertCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string GoldFile()
    {
        var path = _dir.File("gold.jsonl");
        return Corpora.WriteJsonl(path, EvaluationCorpus.Gold());
    }

    [Fact]
    public void Convert_writes_every_document_and_reports_counts()
    {
        var input = GoldFile();
        var output = _dir.File("copy.out");

        var run = CliRunner.Run("convert", input, output, "--to", "jsonl");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("converted 3 documents (8 entities, 4 relations) from jsonl to jsonl");
        File.ReadAllLines(output).Should().Equal(File.ReadAllLines(input));
    }

    [Fact]
    public void Output_format_that_cannot_be_guessed_is_bad_usage()
    {
        var run = CliRunner.Run("convert", GoldFile(), _dir.File("out.unknownext"));
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("--to");
    }

    [Fact]
    public void Unknown_output_format_is_bad_usage()
    {
        var run = CliRunner.Run("convert", GoldFile(), _dir.File("o"), "--to", "docx");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("unknown format 'docx' for --to");
    }

    [Fact]
    public void Output_over_the_input_is_refused()
    {
        var input = GoldFile();
        var before = File.ReadAllText(input);
        var run = CliRunner.Run("convert", input, input, "--to", "jsonl");
        run.ExitCode.Should().Be(2, run.ToString());
        File.ReadAllText(input).Should().Be(before);
    }

    [Fact]
    public void A_bad_input_record_writes_nothing()
    {
        var input = _dir.File("bad.jsonl");
        File.WriteAllLines(input, [Corpora.Line(EvaluationCorpus.Gold()[0]), "[1,2"]);
        var output = _dir.File("never.out");

        var run = CliRunner.Run("convert", input, output, "--to", "jsonl");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain($"{input}:2");
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public void Converting_to_a_format_without_relations_warns_with_counts()
    {
        var output = _dir.File("gold.conll");

        var run = CliRunner.Run("convert", GoldFile(), output);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("from jsonl to conll");
        run.Error.Should().Contain("the conll output holds 0 of 4 relations");
        run.Error.Should().NotContain("entities", "all 8 entities fall on token boundaries and are kept");
    }
}
