using System.Diagnostics;
using System.Text;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`label` never loses what it reads or what another run writes (issue #14, "data lost").</summary>
[Collection("console")]
public sealed class LabelSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _model;

    public LabelSafetyTests() => _model = TestPackages.Dictionary(_dir.File("m.zip"));

    public void Dispose() => _dir.Dispose();

    private string Jsonl(string name, int notes = 3)
    {
        var path = _dir.File(name);
        File.WriteAllLines(path, SyntheticNotes.Generate(notes).Select(n => $"{{\"id\":\"{n.Id}\",\"text\":\"{n.Text}\"}}"));
        return path;
    }

    [Fact]
    public void Out_equal_to_in_with_overwrite_is_refused_and_the_input_kept()
    {
        var input = Jsonl("notes.jsonl");
        var before = File.ReadAllBytes(input);
        var run = CliRunner.Run("label", "-m", _model, "-i", input, "-o", input, "--overwrite");
        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain(ErrorCodes.OutputIsInput);
        File.ReadAllBytes(input).Should().Equal(before);
    }

    [Fact]
    public void Out_as_a_symbolic_link_to_the_input_or_to_the_model_is_refused()
    {
        var input = Jsonl("notes.jsonl");
        var before = File.ReadAllBytes(input);
        var link = _dir.File("out.jsonl");
        File.CreateSymbolicLink(link, input);
        CliRunner.Run("label", "-m", _model, "-i", input, "-o", link, "--overwrite").Error.Should().Contain(ErrorCodes.OutputIsInput);
        File.ReadAllBytes(input).Should().Equal(before);
        var model = File.ReadAllBytes(_model);
        CliRunner.Run("label", "-m", _model, "-i", input, "-o", _model, "--overwrite").Error.Should().Contain(ErrorCodes.OutputIsInput);
        File.ReadAllBytes(_model).Should().Equal(model);
    }

    [Fact]
    public void Errors_path_never_deletes_the_input_or_a_foreign_file()
    {
        var input = Jsonl("notes.jsonl");
        var before = File.ReadAllBytes(input);
        var run = CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("a.jsonl"), "--errors", input);
        run.Error.Should().Contain(ErrorCodes.OutputIsInput, run.ToString());
        File.ReadAllBytes(input).Should().Equal(before);

        var mine = _dir.File("thesis.txt");
        File.WriteAllText(mine, "three years of work");
        run = CliRunner.Run("label", "-m", _model, "-i", input, "-o", _dir.File("b.jsonl"), "--errors", mine);
        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain(ErrorCodes.OutputMismatch);
        File.ReadAllText(mine).Should().Be("three years of work");
    }

    [Fact]
    public void Brat_out_over_the_input_folder_is_refused()
    {
        var folder = Path.Combine(_dir.Path, "notes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "n1.txt"), "takes aspirin");
        var run = CliRunner.Run("label", "-m", _model, "-i", folder, "-o", folder, "--out-format", "brat", "--overwrite");
        run.Error.Should().Contain(ErrorCodes.OutputIsInput, run.ToString());
        run = CliRunner.Run("label", "-m", _model, "-i", folder, "-o", Path.Combine(folder, "labeled.jsonl"));
        run.Error.Should().Contain(ErrorCodes.OutputIsInput, run.ToString());
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal("n1.txt");
    }

    [Fact]
    public void A_csv_without_id_column_resumes_correctly_after_a_row_is_inserted_at_the_top()
    {
        var csv = _dir.File("notes.csv");
        File.WriteAllText(csv, "text\nhas hypertension\ntakes aspirin\n");
        var output = _dir.File("out.jsonl");
        CliRunner.Run("label", "-m", _model, "-i", csv, "-o", output).ExitCode.Should().Be(CliApp.Ok);
        File.WriteAllText(csv, "text\ngiven heparin\nhas hypertension\ntakes aspirin\n");
        var run = CliRunner.Run("label", "-m", _model, "-i", csv, "-o", output);
        run.ExitCode.Should().Be(CliApp.Ok, run.ToString());
        run.Out.Should().Contain("labeled 1 notes").And.Contain("skipped 2");
        var texts = File.ReadAllLines(output).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString());
        texts.Should().BeEquivalentTo(["has hypertension", "takes aspirin", "given heparin"]);
    }

    /// <summary>Two label processes on one --out: the second fails at once with ATM706 naming the first's pid; the first finishes whole.</summary>
    [Fact]
    [Trait("Category", "Integration")]
    public void A_second_label_run_on_the_same_out_fails_at_once_naming_the_holder()
    {
        var input = _dir.File("big.jsonl");
        var sb = new StringBuilder();
        foreach (var (id, text) in SyntheticNotes.Generate(60_000)) sb.Append("{\"id\":\"").Append(id).Append("\",\"text\":\"").Append(text).Append("\"}\n");
        File.WriteAllText(input, sb.ToString());
        var output = _dir.File("big.out.jsonl");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "asclepius.dll"), "label", "-m", _model, "-i", input, "-o", output, "-p", "1" }) psi.ArgumentList.Add(a);
        using var first = Process.Start(psi)!;
        var clock = Stopwatch.StartNew();
        while (!first.HasExited && !File.Exists(output + ".progress.lock") && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
        first.HasExited.Should().BeFalse("the second run must start while the first is labeling (make the input bigger if it finished)");

        var second = CliRunner.Run("label", "-m", _model, "-i", input, "-o", output, "--overwrite");
        first.HasExited.Should().BeFalse("the second run must fail at once, not wait for the first (make the input bigger if the first finished)");
        second.ExitCode.Should().Be(CliApp.Failed, second.ToString());
        second.Error.Should().Contain(ErrorCodes.OutputInUse).And.Contain($"pid {first.Id}");

        first.WaitForExit(120_000).Should().BeTrue();
        first.ExitCode.Should().Be(CliApp.Ok, first.StandardError.ReadToEnd());
        File.ReadAllLines(output).Should().HaveCount(60_000);
    }
}
