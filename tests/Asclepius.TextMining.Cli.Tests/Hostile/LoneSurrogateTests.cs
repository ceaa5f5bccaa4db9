using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Hostile;

/// <summary>A lone surrogate escape ("\ud800") in one JSONL line: a coded error for that line, the rest goes on (issue #14, "crashes").</summary>
[Collection("console")]
public sealed class LoneSurrogateTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Input()
    {
        var path = _dir.File("in.jsonl");
        File.WriteAllText(path,
            "{\"id\":\"a\",\"text\":\"takes aspirin\"}\n" +
            "{\"id\":\"b\",\"text\":\"has \\ud800 pain\"}\n" +
            "{\"id\":\"c\\udc00\",\"text\":\"ok\"}\n" +
            "{\"id\":\"d\",\"text\":\"has hypertension\"}\n");
        return path;
    }

    [Fact]
    public void Label_reports_the_line_and_labels_the_rest()
    {
        var model = TestPackages.Dictionary(_dir.File("m.zip"));
        var run = CliRunner.Run("label", "-m", model, "-i", Input(), "-o", _dir.File("out.jsonl"));
        run.ExitCode.Should().Be(CliApp.SomeInputsFailed, run.ToString());
        File.ReadAllLines(_dir.File("out.jsonl")).Should().HaveCount(2);
        File.ReadAllText(_dir.File("out.errors.jsonl")).Should().Contain(ErrorCodes.InvalidEncoding).And.Contain("\"line\":2").And.Contain("\"line\":3");
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("convert")]
    [InlineData("view")]
    [InlineData("evaluate")]
    public void Corpus_commands_give_a_coded_error_and_with_lenient_read_the_rest(string command)
    {
        var input = Input();
        string[] Args(bool lenient) => (command switch
        {
            "stats" => new[] { "stats", input },
            "convert" => ["convert", input, _dir.File($"c{lenient}.jsonl")],
            "view" => ["view", "--in", input, "--out", _dir.File("v.html")],
            _ => ["evaluate", "--gold", input, "--pred", input],
        }).Concat(lenient ? ["--lenient"] : []).ToArray();

        var strict = CliRunner.Run(Args(false));
        // The viewer always reads leniently (bad records are listed, the rest shown).
        strict.ExitCode.Should().Be(command == "view" ? CliApp.SomeInputsFailed : CliApp.Failed, strict.ToString());
        strict.Error.Should().Contain(ErrorCodes.InvalidEncoding).And.Contain(":2");

        if (command is "view" or "evaluate") return; // no --lenient: the viewer is always lenient, evaluate never
        var lenient = CliRunner.Run(Args(true));
        lenient.ExitCode.Should().Be(CliApp.SomeInputsFailed, lenient.ToString());
        lenient.Error.Should().Contain(ErrorCodes.InvalidEncoding);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Absurd_parallelism_is_a_usage_error(string parallel)
    {
        var model = TestPackages.Dictionary(_dir.File("m.zip"));
        var run = CliRunner.Run("label", "-m", model, "-i", Input(), "-o", _dir.File("p.jsonl"), "--parallel", parallel);
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--parallel");
    }
}
