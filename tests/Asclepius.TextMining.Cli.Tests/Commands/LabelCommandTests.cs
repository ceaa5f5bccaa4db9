using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`asclepius label` over files, run in-process through CliApp.Run (exit codes as the shell sees them).</summary>
[Collection("console")]
public sealed class LabelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-label-").FullName;
    private readonly string _model;

    public LabelCommandTests() => _model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv(int notes, string name = "notes.csv")
    {
        var sb = new StringBuilder("note_id,note_text\n");
        foreach (var (id, text) in SyntheticNotes.Generate(notes)) sb.Append(id).Append(",\"").Append(text.Replace("\"", "\"\"")).Append("\"\n");
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static List<JsonElement> Lines(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Labels_a_csv_and_a_rerun_skips_every_note()
    {
        var input = Csv(120);
        var output = Path.Combine(_dir, "out.jsonl");
        CliApp.Run(["label", "--model", _model, "--in", input, "--out", output, "--parallel", "2"]).Should().Be(CliApp.Ok);
        var lines = Lines(output);
        lines.Select(l => l.GetProperty("id").GetString()).Should().Equal(Enumerable.Range(1, 120).Select(i => i.ToString()));
        lines.Should().OnlyContain(l => l.GetProperty("metadata").GetProperty("nlp_system").GetString()!.StartsWith("test-dictionary "));
        lines.SelectMany(l => l.GetProperty("entities").EnumerateArray()).Should().NotBeEmpty();
        var before = File.ReadAllBytes(output);

        CliApp.Run(["label", "--model", _model, "--in", input, "--out", output]).Should().Be(CliApp.Ok);
        File.ReadAllBytes(output).Should().Equal(before);
        File.Exists(Path.Combine(_dir, "out.errors.jsonl")).Should().BeFalse();
    }

    [Fact]
    public void Bad_inputs_are_reported_with_exit_3_and_the_rest_is_labeled()
    {
        var folder = Path.Combine(_dir, "in");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 30; i++) File.WriteAllText(Path.Combine(folder, $"good{i:D2}.txt"), SyntheticNotes.Note(i));
        File.WriteAllBytes(Path.Combine(folder, "binary.txt"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13]);
        File.WriteAllBytes(Path.Combine(folder, "latin1.txt"), Encoding.Latin1.GetBytes("caf\u00e9 au lait"));
        File.WriteAllText(Path.Combine(folder, "empty.txt"), "");
        File.WriteAllText(Path.Combine(folder, "huge.txt"), new string('x', 5000));
        File.WriteAllText(Path.Combine(folder, "notes.pdf"), "%PDF");
        var output = Path.Combine(_dir, "out.jsonl");
        var errors = Path.Combine(_dir, "errors.jsonl");

        CliApp.Run(["label", "-m", _model, "-i", folder, "-o", output, "--errors", errors, "--max-note-chars", "2000"]).Should().Be(CliApp.SomeInputsFailed);
        Lines(output).Should().HaveCount(30);
        var reported = Lines(errors);
        reported.Select(e => (Path.GetFileName(e.GetProperty("source").GetString()), e.GetProperty("code").GetString())).Should().BeEquivalentTo(new[]
        {
            ("binary.txt", ErrorCodes.InvalidEncoding), ("latin1.txt", ErrorCodes.InvalidEncoding), ("empty.txt", ErrorCodes.EmptyInput),
            ("huge.txt", ErrorCodes.InputTooLarge), ("notes.pdf", ErrorCodes.UnknownFormat),
        });
        reported.Select(e => e.EnumerateObject().Select(p => p.Name).ToArray()).Should().AllBeEquivalentTo(new[] { "id", "source", "line", "code", "reason" });
    }

    [Fact]
    public void Malformed_jsonl_lines_are_reported_by_line_and_duplicates_refused()
    {
        var input = Path.Combine(_dir, "in.jsonl");
        File.WriteAllLines(input, [
            "{\"id\":\"a\",\"text\":\"takes aspirin\"}",
            "{\"id\":\"a\",\"text\":\"a second a\"}",
            "{broken",
            "{\"id\":\"b\",\"text\":\"has hypertension\"}",
        ]);
        var output = Path.Combine(_dir, "out.jsonl");
        CliApp.Run(["label", "-m", _model, "-i", input, "-o", output]).Should().Be(CliApp.SomeInputsFailed);
        Lines(output).Select(l => l.GetProperty("id").GetString()).Should().Equal("a", "b");
        Lines(Path.Combine(_dir, "out.errors.jsonl")).Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("code").GetString()))
            .Should().Equal((2, ErrorCodes.DuplicateId), (3, ErrorCodes.MalformedRecord));
    }

    [Fact]
    public void Writes_omop_csv_and_brat()
    {
        var input = Csv(5);
        var csv = Path.Combine(_dir, "note_nlp.csv");
        CliApp.Run(["label", "-m", _model, "-i", input, "-o", csv]).Should().Be(CliApp.Ok);
        var rows = File.ReadAllLines(csv);
        rows[0].Should().Be("note_nlp_id,note_id,section_concept_id,snippet,offset,lexical_variant,note_nlp_concept_id,note_nlp_source_concept_id,nlp_system,nlp_date,nlp_datetime,term_exists,term_temporal,term_modifiers");
        rows.Length.Should().BeGreaterThan(5);

        var brat = Path.Combine(_dir, "brat");
        CliApp.Run(["label", "-m", _model, "-i", input, "-o", brat, "--out-format", "brat"]).Should().Be(CliApp.Ok);
        Directory.GetFiles(brat, "*.ann").Should().HaveCount(5);
    }

    [Fact]
    public void Usage_errors_exit_2_and_a_missing_model_exits_1()
    {
        CliApp.Run(["label", "--in", "x.csv"]).Should().Be(CliApp.BadUsage);
        CliApp.Run(["label", "-m", Path.Combine(_dir, "none.zip"), "-i", Csv(1), "-o", Path.Combine(_dir, "o.jsonl")]).Should().Be(CliApp.Failed);
        CliApp.Run(["label", "-m", _model, "-i", Csv(1), "-o", Path.Combine(_dir, "o.jsonl"), "--out-format", "xml"]).Should().Be(CliApp.BadUsage);
    }

    /// <summary>
    /// A label process killed with SIGKILL in the middle of a run, then run again: every note ends up in
    /// the output exactly once, and no line is partial.
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public void A_killed_run_resumes_without_losing_or_repeating_a_note()
    {
        var input = Csv(30_000, "big.csv");
        var output = Path.Combine(_dir, "big.jsonl");
        var cli = Path.Combine(AppContext.BaseDirectory, "asclepius.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "label", "-m", _model, "-i", input, "-o", output, "-p", "1" }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            var clock = Stopwatch.StartNew();
            while (!p.HasExited && (!File.Exists(output) || new FileInfo(output).Length < 200_000) && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
            p.HasExited.Should().BeFalse("the run must be killed midway (make the input bigger if it finished)");
            p.Kill();
            p.WaitForExit();
        }
        var partial = File.ReadAllLines(output).Length;
        partial.Should().BeInRange(1, 29_999);

        CliApp.Run(["label", "-m", _model, "-i", input, "-o", output]).Should().Be(CliApp.Ok);
        var ids = Lines(output).Select(l => l.GetProperty("id").GetString()).ToList();
        ids.Should().HaveCount(30_000).And.OnlyHaveUniqueItems();
    }
}
