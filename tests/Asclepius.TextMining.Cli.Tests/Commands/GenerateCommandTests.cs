using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`asclepius generate`: offline only (LLM generation is `asclepius-generate`, tested against the fake server in Generation.Llm.Tests).</summary>
[Collection(CliCollection.Name)]
public sealed class GenerateCommandTests
{
    [Fact]
    public void Help_lists_the_offline_options_and_names_the_generator_tool()
    {
        var run = CliRunner.Run("generate", "--help");
        run.ExitCode.Should().Be(0, run.ToString());
        foreach (var option in new[] { "--provider", "--schema", "--count", "--out", "--concurrency", "--seed", "--batch-size" })
            run.Out.Should().Contain(option);
        run.Out.Should().Contain("asclepius-generate");
        foreach (var option in new[] { "--endpoint", "--deployment", "--model", "--api-key-env", "--verify" })
            run.Out.Should().NotContain(option, "asclepius has no LLM client, so no LLM options");
    }

    [Theory]
    [InlineData("openai", "--model", "gpt-4o-mini")]
    [InlineData("azure", "--endpoint", "https://res.openai.azure.com", "--deployment", "d")]
    public void Llm_providers_are_a_coded_usage_error_that_names_the_generator_tool(string provider, params string[] llmOptions)
    {
        using var dir = new TempDir();
        var run = CliRunner.Run(["generate", "--provider", provider, "--schema", "chemical-disease", "--count", "5", "--out", dir.Path, .. llmOptions]);
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain("[ATM504]").And.Contain($"asclepius-generate generate --provider {provider}");
        run.Error.Should().NotContain("nrecognized", "the one message that matters, not one per LLM option");
        Directory.EnumerateFileSystemEntries(dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_option_for_offline_generation_is_bad_usage()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("generate", "--schema", "chemical-disease", "--count", "5", "--out", dir.Path, "--model", "gpt");
        run.ExitCode.Should().Be(CliApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--model");
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
