using System.Text.Json.Nodes;
using Asclepius.TextMining.Generation.Llm.Tests.Fixtures;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Llm.Tests.Providers;

/// <summary>Resuming an LLM run (the runner's own resume tests use an in-process generator).</summary>
public sealed class LlmRunResumeTests
{
    [Fact]
    public async Task Rerun_with_a_larger_count_adds_exactly_the_difference_without_duplicates()
    {
        await using var h = await LlmHarness.StartAsync();
        var first = await h.RunAsync(h.OpenAI(), count: 10);
        first.Status.Should().Be(RunStatus.Completed);
        h.DataLines.Should().HaveCount(10);
        var batchesAfterFirst = h.Manifest.Batches;
        var requestsAfterFirst = h.Server.Requests.Count;

        var second = await h.RunAsync(h.OpenAI(), count: 15);

        second.Status.Should().Be(RunStatus.Completed);
        second.KeptThisRun.Should().Be(5);
        var lines = h.DataLines;
        lines.Should().HaveCount(15);
        lines.Select(l => TextNormalizer.Normalize(JsonNode.Parse(l)!["text"]!.GetValue<string>())).Should().OnlyHaveUniqueItems();
        lines.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        var batchesOfNewLines = lines.Skip(10).Select(l => long.Parse(JsonNode.Parse(l)!["metadata"]!["batch"]!.GetValue<string>()));
        batchesOfNewLines.Should().OnlyContain(b => b >= batchesAfterFirst, "a rerun continues from the next batch index");
        h.Server.Requests.Count.Should().Be(requestsAfterFirst + 2);
        h.Manifest.Invocations.Should().Be(2);
        h.Manifest.Kept.Should().Be(15);
        h.Manifest.Target.Should().Be(15);
    }
}
