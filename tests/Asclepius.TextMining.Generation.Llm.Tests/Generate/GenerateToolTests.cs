using System.Text.Json.Nodes;
using Asclepius.TextMining.Generate;
using Asclepius.TextMining.Generation.Llm.Tests.Fakes;
using Asclepius.TextMining.Generation.Llm.Tests.Fixtures;
using Asclepius.TextMining.Generation.Llm.Tests.Support;
using Asclepius.TextMining.Generation.Tests.Fixtures;

namespace Asclepius.TextMining.Generation.Llm.Tests.Generate;

/// <summary>`asclepius-generate generate`: usage checks and a run against the fake server through the whole command.</summary>
[Collection(ToolCollection.Name)]
public sealed class GenerateToolTests
{
    [Fact]
    public void Help_lists_the_options()
    {
        var run = ToolRunner.Run("generate", "--help");
        run.ExitCode.Should().Be(0, run.ToString());
        foreach (var option in new[] { "--provider", "--schema", "--count", "--out", "--endpoint", "--deployment", "--model", "--api-key-env", "--concurrency", "--max-total-tokens", "--seed", "--verify", "--timeout" })
            run.Out.Should().Contain(option);
        run.Out.Should().NotContain("--api-key ", "the key guard is hidden");
    }

    [Fact]
    public void A_key_on_the_command_line_is_refused_without_echoing_it()
    {
        using var dir = new TempDir();
        var run = ToolRunner.Run("generate", "--provider", "openai", "--model", "m", "--schema", "chemical-disease", "--count", "5", "--out", dir.Path, "--api-key", "sk-live-DO-NOT-ECHO-123");
        run.ExitCode.Should().Be(GenerateApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--api-key-env").And.NotContain("sk-live-DO-NOT-ECHO-123");
        run.Out.Should().NotContain("sk-live-DO-NOT-ECHO-123");
    }

    [Theory]
    [InlineData("openai", "--provider openai needs --model")]
    [InlineData("azure", "--provider azure needs --endpoint")]
    public void Llm_providers_name_what_they_are_missing(string provider, string message)
    {
        using var dir = new TempDir();
        var run = ToolRunner.Run("generate", "--provider", provider, "--schema", "chemical-disease", "--count", "5", "--out", dir.Path);
        run.ExitCode.Should().Be(GenerateApp.BadUsage, run.ToString());
        run.Error.Should().Contain(message);
    }

    [Fact]
    public void Llm_options_are_refused_for_the_offline_provider()
    {
        using var dir = new TempDir();
        var run = ToolRunner.Run("generate", "--schema", "chemical-disease", "--count", "5", "--out", dir.Path, "--model", "gpt", "--verify");
        run.ExitCode.Should().Be(GenerateApp.BadUsage, run.ToString());
        run.Error.Should().Contain("--model is for --provider azure or openai").And.Contain("--verify");
    }

    [Fact]
    public void An_endpoint_that_is_not_a_url_is_bad_usage()
    {
        using var dir = new TempDir();
        var run = ToolRunner.Run("generate", "--provider", "openai", "--model", "m", "--endpoint", "localhost-8000", "--schema", "chemical-disease", "--count", "5", "--out", dir.Path);
        run.ExitCode.Should().Be(GenerateApp.BadUsage, run.ToString());
        run.Error.Should().Contain("not an absolute URL");
    }

    [Fact]
    public async Task An_openai_run_through_the_command_writes_data_and_run_json()
    {
        await using var h = await LlmHarness.StartAsync();
        var run = ToolRunner.Run("generate", "--provider", "openai", "--endpoint", h.Server.OpenAIEndpoint.ToString(), "--model", "fake-model",
            "--api-key-env", h.KeyVariable, "--schema", "chemical-disease", "--count", "6", "--out", h.OutDir);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("completed").And.Contain("data.jsonl");
        h.DataLines.Should().HaveCount(6);
        var manifest = JsonNode.Parse(h.RunJson)!;
        manifest["provider"]!.GetValue<string>().Should().Be("openai");
        manifest["kept"]!.GetValue<int>().Should().Be(6);
        (run.Out + run.Error).Should().NotContain(h.Key);
        // The shipped v2 prompts: note-shaped items, hard negatives drawn from data/lexicons/terms.tsv.
        manifest["prompts"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Should().Contain("generate-entities.v2");
        h.Server.Requests.Should().OnlyContain(r => r.Prompt.Contains("MEDICATIONS:") && ListedNegatives(r.Prompt).Length >= 10);
    }

    [Fact]
    public async Task Temperature_budget_and_attempts_are_options_that_reach_the_request_and_run_json()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Status(500));
        var run = ToolRunner.Run("generate", "--provider", "openai", "--endpoint", h.Server.OpenAIEndpoint.ToString(), "--model", "fake-model",
            "--api-key-env", h.KeyVariable, "--schema", "chemical-disease", "--count", "3", "--out", h.OutDir,
            "--temperature", "0.3", "--max-output-tokens", "900", "--attempts", "2");

        run.ExitCode.Should().Be(0, run.ToString());
        h.Server.Requests.Should().OnlyContain(r => r.Json!["temperature"]!.GetValue<double>() == 0.3 && r.Json["max_completion_tokens"]!.GetValue<int>() == 900);
        var manifest = JsonNode.Parse(h.RunJson)!;
        manifest["generator"]!["max_attempts"]!.GetValue<string>().Should().Be("2");
        manifest["generator"]!["temperature"]!.GetValue<string>().Should().Be("0.3");
    }

    [Fact]
    public async Task Check_sends_one_small_call_and_prints_what_a_reasoning_deployment_accepts()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = r => r.Json!["temperature"] is not null
            ? FakeReply.Status(400, "{\"error\":{\"message\":\"Unsupported value: 'temperature' does not support 0.9 with this model. Only the default (1) value is supported.\",\"param\":\"temperature\"}}")
            : r.Json["max_tokens"] is not null
                ? FakeReply.Status(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.\",\"param\":\"max_tokens\"}}")
                : FakeAnswers.Good(r);
        var run = ToolRunner.Run("generate", "--check", "--provider", "azure", "--endpoint", h.Server.AzureEndpoint.ToString(), "--deployment", "o3-mini",
            "--api-key-env", h.KeyVariable, "--schema", "chemical-disease");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("token_parameter").And.Contain("max_completion_tokens").And.Contain("endpoint default").And.Contain("json_schema").And.Contain("valid sentences");
        h.Server.Requests.Should().HaveCount(3, "one rejection for temperature, one for max_tokens, one answer");
        File.Exists(Path.Combine(Environment.CurrentDirectory, "run.json")).Should().BeFalse("--check writes nothing");
    }

    /// <summary>The words under the v2 prompts' HARD NEGATIVES heading (empty when the heading is missing or says "(none)").</summary>
    private static string[] ListedNegatives(string prompt)
    {
        const string Heading = "NEVER label them:\n";
        var start = prompt.IndexOf(Heading, StringComparison.Ordinal);
        if (start < 0) return [];
        var line = prompt[(start + Heading.Length)..].Split('\n')[0];
        return line == "(none)" ? [] : line.Split(", ");
    }
}
