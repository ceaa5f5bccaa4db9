using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Llm.Tests.Fixtures;
using Asclepius.TextMining.Generation.Llm.Tests.Fakes;
using Asclepius.TextMining.Generation.Tests.Fixtures;

namespace Asclepius.TextMining.Generation.Llm.Tests.Privacy;

/// <summary>The key stays in the environment and the request header; prompt seeds come from the lexicons (note text: <see cref="NoteTextPrivacyTests"/>).</summary>
public sealed class PrivacyTests
{
    [Fact]
    public async Task The_api_key_is_sent_but_never_written_to_run_json_data_or_logs()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Status(500), FakeReply.Status(429, "{}", ("Retry-After", "0")));
        await h.RunAsync(h.OpenAI(o => o with { Verify = true }), count: 6);

        h.Server.Requests.Should().OnlyContain(r => r.Authorization == "Bearer " + h.Key);
        h.RunJson.Should().NotContain(h.Key[..20]);
        string.Join("\n", h.DataLines).Should().NotContain(h.Key);
        string.Join("\n", h.Log).Should().NotContain(h.Key);
        h.Server.Requests.Should().OnlyContain(r => !r.Body.Contains(h.Key), "the key travels in a header, never in a prompt");
        Directory.EnumerateFiles(h.OutDir).Should().OnlyContain(f => !File.ReadAllText(f).Contains(h.Key));
    }

    [Fact]
    public async Task A_failed_run_does_not_leak_the_key_in_its_error()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = _ => FakeReply.Status(403, "{\"error\":{\"message\":\"forbidden\"}}");
        var act = () => h.RunAsync(h.Azure(), count: 3);
        var ex = (await act.Should().ThrowAsync<TextMiningException>()).Which;
        ex.ToString().Should().NotContain(h.Key);
        h.RunJson.Should().NotContain(h.Key);
    }

    [Fact]
    public void A_missing_key_variable_is_a_configuration_error_naming_the_variable()
    {
        var options = new LlmProviderOptions { Kind = ProviderKind.Azure, Endpoint = new Uri("https://res.example.invalid/"), Deployment = "d", ApiKeyEnvironmentVariable = "ATM_TEST_UNSET_" + Guid.NewGuid().ToString("N") };
        var act = () => ApiKeys.Read(options);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.ProviderConfiguration && e.Message.Contains(options.ApiKeyEnvironmentVariable!));
    }

    [Fact]
    public void A_local_openai_compatible_server_needs_no_key()
    {
        var options = new LlmProviderOptions { Endpoint = new Uri("http://127.0.0.1:8000/v1"), Model = "m", ApiKeyEnvironmentVariable = "ATM_TEST_UNSET_" + Guid.NewGuid().ToString("N") };
        ApiKeys.Read(options).Should().Be(ApiKeys.NoKey);
    }

    [Fact]
    public async Task Prompt_seeds_are_lexicon_names_only()
    {
        await using var h = await LlmHarness.StartAsync();
        var options = h.OpenAI(o => o with { Verify = true, Prompting = o.Prompting with { RelationShare = 0.5 } });
        await h.RunAsync(options, count: 12);

        h.Server.Requests.Should().NotBeEmpty();
        // No note text: see NoteTextPrivacyTests. Each prompt is the template's text plus schema, style, seed names, term names and triples; nothing else.
        var lexicon = (MiniData.Chemicals + MiniData.Diseases).Split('\n').Skip(1).SelectMany(l => l.Split('\t').Take(2)).SelectMany(c => c.Split('|'))
            .Where(n => n.Length > 0 && n != "name" && n != "variants").ToHashSet();
        var terms = MiniData.Terms.Split('\n').Skip(1).SelectMany(l => l.Split('\t').Take(2)).SelectMany(c => c.Split('|')).Where(n => n.Length > 0).ToHashSet();
        foreach (var r in h.Server.Requests.Where(r => !r.IsVerify))
        {
            var section = r.Prompt[(r.Prompt.IndexOf("SEEDS:\n", StringComparison.Ordinal) + 7)..r.Prompt.IndexOf("EXAMPLES:", StringComparison.Ordinal)];
            var seeds = section.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(l => l[(l.IndexOf(':') + 2)..].Split(", "));
            seeds.Should().OnlyContain(s => lexicon.Contains(s));
            var negatives = r.Prompt.Split('\n').Single(l => l.StartsWith("NEVER LABEL: ", StringComparison.Ordinal))["NEVER LABEL: ".Length..].Split(", ");
            negatives.Should().OnlyContain(n => terms.Contains(n), "hard negatives are term names only");
        }
    }
}
