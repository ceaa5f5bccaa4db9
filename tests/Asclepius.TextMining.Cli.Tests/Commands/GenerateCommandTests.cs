using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`asclepius generate`: usage checks and an offline run with the shipped data (LLM providers are tested against the fake server in Generation.Tests).</summary>
[Collection(CliCollection.Name)]
public sealed class GenerateCommandTests
{
    [Fact]
    public void Help_lists_the_options()
    {
        var run = CliRunner.Run("generate", "--help");
        run.ExitCode.Should().Be(0, run.ToString());
        foreach (var option in new[] { "--provider", "--schema", "--count", "--out", "--endpoint", "--deployment", "--model", "--api-key-env", "--concurrency", "--max-total-tokens", "--seed", "--verify", "--timeout" })
            run.Out.Should().Contain(option);
        run.Out.Should().NotContain("--api-key ", "the key guard is hidden");
    }

    [Fact]
    public void A_key_on_the_command_line_is_refused_without_echoing_it()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("generate", "--provider", "openai", "--model", "m", "--schema", "chemical-disease", "--count", "5", "--out", dir.Path, "--api-key", "sk-live-DO-NOT-ECHO-123");
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--api-key-env").And.NotContain("sk-live-DO-NOT-ECHO-123");
        run.Out.Should().NotContain("sk-live-DO-NOT-ECHO-123");
    }

    [Theory]
    [InlineData("openai", "--provider openai needs --model")]
    [InlineData("azure", "--provider azure needs --endpoint")]
    public void Llm_providers_name_what_they_are_missing(string provider, string message)
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("generate", "--provider", provider, "--schema", "chemical-disease", "--count", "5", "--out", dir.Path);
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain(message);
    }

    [Fact]
    public void Llm_options_are_refused_for_the_offline_provider()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("generate", "--schema", "chemical-disease", "--count", "5", "--out", dir.Path, "--model", "gpt", "--verify");
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--model is for --provider azure or openai").And.Contain("--verify");
    }

    [Fact]
    public void An_unknown_schema_lists_the_shipped_ones()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("generate", "--schema", "gene-disease", "--count", "5", "--out", dir.Path);
        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain("chemical-disease");
    }

    [Fact]
    public void Offline_generation_writes_valid_documents_and_a_rerun_adds_exactly_the_difference()
    {
        using var dir = new TempDir();
        var first = CliRunner.Run("generate", "--provider", "offline", "--schema", "chemical-disease", "--count", "40", "--out", dir.Path, "--seed", "1");
        first.ExitCode.Should().Be(0, first.ToString());
        first.Out.Should().Contain("completed").And.Contain("data.jsonl");

        var second = CliRunner.Run("generate", "--schema", "chemical-disease", "--count", "55", "--out", dir.Path, "--seed", "1");
        second.ExitCode.Should().Be(0, second.ToString());

        var lines = File.ReadAllLines(dir.File("data.jsonl"));
        lines.Should().HaveCount(55);
        foreach (var line in lines)
        {
            var doc = JsonNode.Parse(line)!;
            var text = doc["text"]!.GetValue<string>();
            foreach (var e in doc["entities"]!.AsArray())
                text[e!["start"]!.GetValue<int>()..e["end"]!.GetValue<int>()].Should().Be(e["text"]!.GetValue<string>());
        }
        lines.Select(l => JsonNode.Parse(l)!["text"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        var manifest = JsonNode.Parse(File.ReadAllText(dir.File("run.json")))!;
        manifest["status"]!.GetValue<string>().Should().Be("completed");
        manifest["kept"]!.GetValue<int>().Should().Be(55);
        manifest["invocations"]!.GetValue<int>().Should().Be(2);
    }
}
