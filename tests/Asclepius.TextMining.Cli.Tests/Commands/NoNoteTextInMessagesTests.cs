using System.Text;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>
/// No note text in any message (issue #14, "patient text leaked"): label, stats, convert, evaluate and
/// view run over inputs that carry a short (5-character) and a long marker in their text, good and bad
/// records alike; stdout, stderr and every errors report must hold neither. Only the labeled output and
/// the viewer's page (which exist to show the notes) may.
/// </summary>
[Collection("console")]
public sealed class NoNoteTextInMessagesTests : IDisposable
{
    private const string Short = "Qzx7w";
    private const string Long = "Roe-Jane-MRN-123456-presents-with";
    private readonly TempDir _dir = new();
    private readonly string _model;

    public NoNoteTextInMessagesTests() => _model = TestPackages.Dictionary(_dir.File("m.zip"));

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string content)
    {
        var path = _dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Every input: each good and bad record holds the markers.</summary>
    public static TheoryData<string, string> Inputs() => new()
    {
        { "no-header.csv", $"17,{Short} {Long} takes aspirin\n18,{Long}\n" },
        { "id-first-row.csv", $"{Long},takes aspirin\n1,takes aspirin\n" },
        { "ok.csv", $"id,text\n1,{Short} takes aspirin {Long}\n2,\"{Long}\",extra\n" },
        { "notes.jsonl", $"{{\"id\":\"a\",\"text\":\"{Short} has hypertension {Long}\"}}\n{{\"id\":\"b\",\"text\":\"{Long}\n{{\"id\":\"c\",\"text\":\"{Short}\\ud800{Long}\"}}\n{{{Short}{Long}}}\n" },
        { "corpus.jsonl", $"{{\"id\":\"d1\",\"text\":\"{Short} takes aspirin {Long}\",\"entities\":[{{\"id\":\"T1\",\"start\":0,\"end\":5,\"label\":\"Chemical\",\"text\":\"{Long}\"}}]}}\n{{\"id\":\"d2\",\"text\":\"{Long} x\",\"entities\":[{{\"id\":\"T1\",\"start\":0,\"end\":\"{Short}\",\"label\":\"Chemical\",\"text\":\"{Short}\"}}]}}\n" },
        { "corpus.pubtator", $"1|t|{Short} takes aspirin {Long}\n1|a|{Long}\n1\t0\t5\t{Long}\tChemical\tD1\n1\t{Short}{Long}\n\n2|x|{Long}\n\n" },
        { "corpus.conll", $"{Short}\tB-Chemical\n{Long}\n{Long}\t{Short}\n\n" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void No_command_prints_or_reports_note_text(string name, string content)
    {
        var input = Write(name, content);
        var runs = new List<(string What, CliResult Result)>
        {
            ("label", CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("out.jsonl"), "--errors", _dir.File("label.errors.jsonl"), "--overwrite")),
            ("label --text-column", CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("out2.jsonl"), "--text-column", "body", "--overwrite")),
            ("stats", CliRunner.Run("stats", input)),
            ("stats --lenient", CliRunner.Run("stats", input, "--lenient", "--json", _dir.File("stats.json"))),
            ("convert", CliRunner.Run("convert", input, _dir.File("c.jsonl"))),
            ("convert --lenient", CliRunner.Run("convert", input, _dir.File("c2.jsonl"), "--lenient")),
            ("convert --lenient to brat", CliRunner.Run("convert", input, _dir.File("c-brat"), "--to", "brat", "--lenient")),
            ("evaluate", CliRunner.Run("evaluate", "--gold", input, "--pred", input)),
            ("evaluate --json", CliRunner.Run("evaluate", "--gold", input, "--pred", input, "--json", _dir.File("e.json"))),
            ("view", CliRunner.Run("view", "--in", input, "--out", _dir.File("v.html"))),
        };
        foreach (var (what, result) in runs)
            foreach (var marker in new[] { Short, Long })
            {
                result.Out.Should().NotContain(marker, $"{what} stdout\n{result}");
                result.Error.Should().NotContain(marker, $"{what} stderr\n{result}");
            }
        foreach (var report in Directory.GetFiles(_dir.Path, "*errors*", SearchOption.AllDirectories).Concat(Directory.GetFiles(_dir.Path, "*.json")))
            foreach (var marker in new[] { Short, Long })
                File.ReadAllText(report).Should().NotContain(marker, report);
        runs.Select(r => r.Result.Error).Should().Contain(e => e.Contains("[ATM"), "the hostile inputs must have produced coded errors");
    }

    [Fact]
    public void A_csv_header_is_named_when_it_looks_like_one()
    {
        var input = Write("h.csv", "note_id,body\n1,takes aspirin\n");
        var run = CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("o.jsonl"));
        run.Error.Should().Contain("ATM110").And.Contain("note_id, body", run.ToString());
    }

    [Fact]
    public void Labeled_output_does_hold_the_note_so_the_scan_can_see_markers()
    {
        var input = Write("good.jsonl", $"{{\"id\":\"a\",\"text\":\"{Short} has hypertension {Long}\"}}\n");
        CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("out.jsonl")).ExitCode.Should().Be(CliApp.Ok);
        File.ReadAllText(_dir.File("out.jsonl")).Should().Contain(Short).And.Contain(Long);
    }
}
