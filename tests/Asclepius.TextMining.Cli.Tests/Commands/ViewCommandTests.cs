using Asclepius.TextMining.Cli.Tests.Reports;
using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class ViewCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void View_writes_one_html_file_with_every_note()
    {
        var input = Corpora.WriteJsonl(_dir.File("labeled.jsonl"), DemoNotes.Many(40));
        var output = _dir.File("out/view.html");
        var run = CliRunner.Run("view", "--in", input, "--out", output);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("40 notes");
        var html = File.ReadAllText(output);
        html.Should().Contain("id=\"viewer-data\"").And.Contain("note-00040");
    }

    [Fact]
    public void Bad_records_are_listed_and_the_rest_is_shown()
    {
        var input = Corpora.WriteJsonl(_dir.File("labeled.jsonl"), DemoNotes.Many(3));
        File.AppendAllText(input, "{ not json\n");
        var run = CliRunner.Run("view", "--in", input, "--out", _dir.File("v.html"));
        run.ExitCode.Should().Be(3, run.ToString());
        run.Error.Should().Contain("labeled.jsonl:4");
        File.ReadAllText(_dir.File("v.html")).Should().Contain("note-00003");
    }

    [Fact]
    public void Output_may_not_overwrite_the_input()
    {
        var input = Corpora.WriteJsonl(_dir.File("labeled.jsonl"), DemoNotes.Many(1));
        CliRunner.Run("view", "--in", input, "--out", input).ExitCode.Should().Be(2);
    }
}
