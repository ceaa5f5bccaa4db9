using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Llm.Tests.Fixtures;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Llm.Tests.Fakes;
using Asclepius.TextMining.Generation.Tests.Fakes;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Llm.Tests.Providers;

/// <summary>
/// One test per scripted behaviour of the fake server (issue 5, item 6), each through the real SDK
/// and the real runner: what was kept, dropped (and why), retried, and recorded in run.json.
/// </summary>
public sealed class FakeServerBehaviourTests
{
    [Fact]
    public async Task Good_answers_are_kept_as_synthetic_documents_with_provenance()
    {
        await using var h = await LlmHarness.StartAsync();
        var result = await h.RunAsync(h.OpenAI(), count: 6);

        result.Status.Should().Be(RunStatus.Completed);
        var lines = h.DataLines;
        lines.Should().HaveCount(6);
        foreach (var line in lines)
        {
            var doc = JsonNode.Parse(line)!;
            var text = doc["text"]!.GetValue<string>();
            foreach (var e in doc["entities"]!.AsArray())
            {
                e!["source"]!.GetValue<string>().Should().Be("synthetic");
                text[e["start"]!.GetValue<int>()..e["end"]!.GetValue<int>()].Should().Be(e["text"]!.GetValue<string>());
            }
            doc["metadata"]!["provider"]!.GetValue<string>().Should().Be("openai");
            doc["metadata"]!["model"]!.GetValue<string>().Should().Be("fake-model");
            doc["metadata"]!["prompt_id"]!.GetValue<string>().Should().Be("generate-entities.v2");
            doc["metadata"]!["style"]!.GetValue<string>().Should().BeOneOf("case-report", "nursing-note");
            doc["metadata"]!["relations"]!.GetValue<string>().Should().Be(LlmSampleGenerator.RelationsNotAnnotated);
        }

        var m = h.Manifest;
        m.Status.Should().Be(RunStatus.Completed);
        m.Provider.Should().Be("openai");
        m.Model.Should().Be("fake-model");
        m.Endpoint.Should().Be(h.Server.OpenAIEndpoint.Authority);
        m.Prompts.Should().Contain(p => p.Id == "generate-entities.v2" && p.Sha256.Length == 64);
        m.Schema.Name.Should().Be("chemical-disease");
        m.Schema.Sha256.Should().Be(GenerationRunner.SchemaSha256(h.Schema));
        m.Seed.Should().Be(7);
        m.Target.Should().Be(6);
        m.Kept.Should().Be(6);
        m.Batches.Should().Be(2);
        m.Tokens.Prompt.Should().Be(200);
        m.Tokens.Completion.Should().Be(100);
        m.Retries.Should().Be(0);
        m.Generator["response_format"].Should().Be("json_schema");
        h.Server.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Route == "openai" && r.ResponseFormat == "json_schema");
        h.Server.Requests.Should().OnlyContain(r => r.Authorization == "Bearer " + h.Key);
        h.Progress.Should().NotBeEmpty();
        h.Progress[^1].Kept.Should().Be(6);
    }

    [Fact]
    public async Task Azure_provider_calls_the_deployment_route_with_api_version_and_api_key_header()
    {
        await using var h = await LlmHarness.StartAsync();
        var result = await h.RunAsync(h.Azure(o => o with { ApiVersion = "2025-01-01-preview" }), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        var r = h.Server.Requests.Single();
        r.Route.Should().Be("azure");
        r.Path.Should().Be("/openai/deployments/dep-one/chat/completions");
        r.Query.Should().Contain("api-version=2025-01-01-preview");
        r.ApiKeyHeader.Should().Be(h.Key);
        h.Manifest.Provider.Should().Be("azure");
        h.Manifest.Model.Should().Be("dep-one");
        h.Manifest.Generator["api_version"].Should().Be("2025-01-01-preview");
    }

    [Fact]
    public async Task Malformed_json_answer_is_asked_once_more_then_dropped_and_the_run_goes_on()
    {
        await using var h = await LlmHarness.StartAsync();
        const string broken = "{\"sentences\": [ {\"text\": \"Aspirin caused rash\", \"entities\": [ }";
        h.Server.Enqueue(FakeReply.Answer(broken), FakeReply.Answer(broken), FakeReply.Answer(broken));
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Dropped.Should().Contain(DropReasons.MalformedJson, 1, "the first batch was asked twice, then dropped");
        h.Manifest.Retried.Should().Contain("malformed_answer", 2, "the first batch, then the second batch once");
        h.Manifest.Kept.Should().Be(3);
        h.DataLines.Select(l => JsonNode.Parse(l)!["metadata"]!["batch"]!.GetValue<string>()).Should().OnlyContain(b => b == "1", "the second batch's second answer was good");
    }

    [Fact]
    public async Task Offsets_that_lie_are_repaired_when_unambiguous_and_dropped_otherwise()
    {
        await using var h = await LlmHarness.StartAsync();
        var lying = new JsonObject
        {
            ["text"] = "Severe hepatitis followed methotrexate in case one.",
            ["entities"] = new JsonArray(
                new JsonObject { ["text"] = "hepatitis", ["label"] = "Disease", ["start"] = 0, ["end"] = 9 },
                new JsonObject { ["text"] = "methotrexate", ["label"] = "Chemical", ["start"] = 3, ["end"] = 15 }),
            ["relations"] = new JsonArray(),
        };
        h.Server.Enqueue(FakeReply.Answer(FakeAnswers.Wrap(
            lying,
            FakeAnswers.Sentence("Rash appeared after cisplatin in case two.", [("rash", "Disease"), ("carboplatin", "Chemical")]),
            FakeAnswers.Sentence("Serum lithium rose, so lithium was held in case three.", [("lithium", "Chemical")]))));
        h.Server.Enqueue(FakeReply.Answer(FakeAnswers.Sentences(3)));
        var result = await h.RunAsync(h.OpenAI(), count: 4);

        result.Status.Should().Be(RunStatus.Completed);
        var m = h.Manifest;
        m.Repaired.Should().Contain(DropReasons.RepairedOffsets, 2);
        m.Dropped.Should().Contain(DropReasons.PartialEntities, 1);
        m.Dropped.Should().Contain(DropReasons.NoEntities, 1);
        m.DroppedEntities.Should().Contain(DropReasons.EntityNotInText, 1);
        m.DroppedEntities.Should().Contain(DropReasons.AmbiguousMention, 1);
        var first = JsonNode.Parse(h.DataLines[0])!;
        first["entities"]![0]!["start"]!.GetValue<int>().Should().Be(7);
        first["entities"]![1]!["start"]!.GetValue<int>().Should().Be(26);
    }

    [Fact]
    public async Task Unknown_labels_drop_the_entity_and_its_sample()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Answer(FakeAnswers.Wrap(
            FakeAnswers.Sentence("BRCA1 carriers given cisplatin developed neutropenia.", [("BRCA1", "Gene"), ("cisplatin", "Chemical"), ("neutropenia", "Disease")]),
            FakeAnswers.Sentence("Warfarin raised the INR.", [("INR", "LabTest")]))));
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.DroppedEntities.Should().Contain(DropReasons.UnknownLabel, 2);
        h.Manifest.Dropped.Should().Contain(DropReasons.PartialEntities, 1).And.Contain(DropReasons.NoEntities, 1);
        h.DataLines.Should().NotContain(l => l.Contains("BRCA1"));
    }

    [Fact]
    public async Task Refusals_are_dropped_whether_in_prose_in_the_refusal_field_or_in_a_sentence()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(
            FakeReply.Answer("I'm sorry, but I can't help with generating medical records."),
            FakeReply.Answer("", refusal: "I can't assist with that request."),
            FakeReply.Answer(FakeAnswers.Wrap(FakeAnswers.Sentence("As an AI language model, I cannot write about aspirin.", [("aspirin", "Chemical")]))),
            FakeReply.Answer(""));
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Dropped.Should().Contain(DropReasons.Refusal, 3).And.Contain(DropReasons.Empty, 1);
        h.Manifest.Kept.Should().Be(3);
    }

    [Fact]
    public async Task Http_429_is_retried_after_the_servers_retry_after()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Status(429, "{\"error\":{\"message\":\"rate limited\"}}", ("retry-after-ms", "250"), ("Retry-After", "1")));
        var options = h.OpenAI(o => o with { Retry = o.Retry with { MaxDelay = TimeSpan.FromSeconds(2) } });
        var result = await h.RunAsync(options, count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        var requests = h.Server.Requests.ToArray();
        requests.Should().HaveCount(2);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240), "retry-after-ms asked for 250 ms");
        h.Manifest.Retries.Should().Be(1);
        h.Manifest.Retried.Should().Contain("http_429", 1);
    }

    [Fact]
    public async Task Http_429_retry_after_in_seconds_is_capped_by_the_backoff_cap()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Status(429, "{}", ("Retry-After", "30")));
        var started = DateTimeOffset.UtcNow;
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(10));
        h.Manifest.Retried.Should().Contain("http_429", 1);
    }

    [Fact]
    public async Task Http_500s_are_retried_and_the_sdk_does_not_retry_on_its_own()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Status(500), FakeReply.Status(503));
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Server.Requests.Should().HaveCount(3, "two failures, one success: no hidden SDK retries");
        h.Manifest.Retried.Should().Contain("http_500", 1).And.Contain("http_503", 1);
        h.Manifest.Retries.Should().Be(2);
    }

    [Fact]
    public async Task Persistent_500s_fail_the_run_only_when_nothing_succeeds_for_the_no_progress_time()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = _ => FakeReply.Status(500);
        var act = () => h.RunAsync(h.Azure(o => o with { Retry = o.Retry with { MaxAttempts = 3 } }), count: 3);

        (await act.Should().ThrowAsync<TextMiningException>()).Which.Code.Should().Be(ErrorCodes.ProviderFailed);
        h.Server.Requests.Count.Should().BeGreaterThanOrEqualTo(6, "a batch that used its attempts is asked again");
        h.Manifest.Status.Should().Be(RunStatus.Failed);
        h.Manifest.Error.Should().Contain("no call succeeded").And.Contain("http_500");
        h.Manifest.Requeued.Should().BeGreaterThanOrEqualTo(1);
        h.Manifest.Calls["http_500"].Should().Be(h.Server.Requests.Count, "every call is counted, failed ones too");
    }

    [Fact]
    public async Task Slow_answer_past_the_timeout_is_abandoned_and_retried()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Slow(TimeSpan.FromSeconds(10), FakeReply.Answer(FakeAnswers.Sentences(3))));
        var started = DateTimeOffset.UtcNow;
        var result = await h.RunAsync(h.OpenAI(o => o with { Timeout = TimeSpan.FromMilliseconds(400) }), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
        h.Manifest.Retried.Should().Contain("timeout", 1);
        h.Manifest.Kept.Should().Be(3);
    }

    [Fact]
    public async Task Truncated_response_body_is_retried()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.TruncatedBody());
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Retries.Should().Be(1);
        h.Manifest.Retried.Keys.Should().ContainSingle().Which.Should().BeOneOf("transport", "malformed_response");
    }

    [Fact]
    public async Task Answer_cut_off_at_the_token_limit_is_dropped_as_truncated()
    {
        await using var h = await LlmHarness.StartAsync();
        var full = FakeAnswers.Sentences(3);
        h.Server.Enqueue(FakeReply.Answer(full[..(full.Length / 2)], finishReason: "length"), FakeReply.Answer(full[..(full.Length / 2)], finishReason: "length"));
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Dropped.Should().Contain(DropReasons.TruncatedAnswer, 1);
        h.Server.Requests.Should().HaveCount(3, "the cut answer was asked once more, cut again, then the next batch");
    }

    [Fact]
    public async Task Endpoint_without_json_schema_falls_back_to_json_mode_then_to_text_extraction()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = r => r.ResponseFormat is null
            ? FakeReply.Answer("Sure! Here you go:\n```json\n" + FakeAnswers.Sentences(FakeAnswers.RequestedCount(r.Prompt)) + "\n```\nHope this helps.")
            : FakeReply.Status(400, $"{{\"error\":{{\"message\":\"response_format {r.ResponseFormat} is not supported\"}}}}");
        var result = await h.RunAsync(h.OpenAI(), count: 6);

        result.Status.Should().Be(RunStatus.Completed);
        h.Server.Requests.Select(r => r.ResponseFormat).Should().Equal("json_schema", "json_object", null, null);
        h.Manifest.Generator["response_format"].Should().Be("text");
        h.Manifest.Kept.Should().Be(6);
        h.Manifest.Retries.Should().Be(0);
    }

    [Fact]
    public async Task Verify_pass_drops_what_the_model_rejects()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = r => r.IsVerify
            ? FakeReply.Answer(FakeAnswers.ApproveAll(r.Prompt, (sentence, entity) => !(sentence == 0 && entity == 1)))
            : FakeAnswers.Good(r);
        var result = await h.RunAsync(h.OpenAI(o => o with { Verify = true }), count: 4);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Dropped.Should().Contain(DropReasons.VerifyRejected, 2, "the first sentence of each of the two batches");
        h.Manifest.Prompts.Select(p => p.Id).Should().Contain("verify.v1");
        h.Server.Requests.Count(r => r.IsVerify).Should().Be(2);
        h.Manifest.Tokens.Prompt.Should().Be(400, "generation and verification calls both count");
    }

    [Fact]
    public async Task Relation_prompts_sample_triples_first_and_keep_sentences_that_state_them()
    {
        await using var h = await LlmHarness.StartAsync();
        var options = h.OpenAI(o => o with { Prompting = o.Prompting with { RelationShare = 1.0, NoneShare = 0.3 } });
        var result = await h.RunAsync(options, count: 9);

        result.Status.Should().Be(RunStatus.Completed);
        h.Server.Requests.Should().OnlyContain(r => r.IsRelationPrompt);
        var docs = h.DataLines.Select(l => JsonNode.Parse(l)!).ToList();
        docs.Should().Contain(d => d["relations"]!.AsArray().Count == 1);
        docs.Should().OnlyContain(d => d["metadata"]!["relations"]!.GetValue<string>() == LlmSampleGenerator.RelationsAnnotated);
        foreach (var d in docs.Where(d => d["relations"]!.AsArray().Count == 1))
        {
            var rel = d["relations"]![0]!;
            rel["label"]!.GetValue<string>().Should().Be("CID");
            var head = d["entities"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == rel["head"]!.GetValue<string>())!;
            head["label"]!.GetValue<string>().Should().Be("Chemical");
        }
        h.Manifest.Prompts.Select(p => p.Id).Should().Contain("generate-relations.v2");
    }

    [Fact]
    public async Task Relation_answer_that_drops_the_asked_relation_is_a_triple_mismatch()
    {
        await using var h = await LlmHarness.StartAsync();
        var options = h.OpenAI(o => o with { Prompting = o.Prompting with { RelationShare = 1.0, NoneShare = 0 } });
        h.Server.Default = r =>
        {
            var answer = JsonNode.Parse(FakeAnswers.StateTriples(r.Prompt))!;
            if (h.Server.Requests.Count == 1) answer["sentences"]![0]!["relations"] = new JsonArray();
            return FakeReply.Answer(answer.ToJsonString());
        };
        var result = await h.RunAsync(options, count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Dropped.Should().Contain(LlmSampleGenerator.TripleMismatch, 1);
    }

    [Fact]
    public async Task A_sentence_that_labels_a_listed_hard_negative_is_dropped_and_counted()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = r =>
        {
            if (h.Server.Requests.Count > 1) return FakeAnswers.Good(r);
            // The first answer labels the first word the prompt listed as never an entity.
            var listed = r.Prompt.Split('\n').Single(l => l.StartsWith("NEVER LABEL: ", StringComparison.Ordinal))["NEVER LABEL: ".Length..].Split(", ")[0];
            var word = FakeAnswers.NextWord();
            return FakeReply.Answer(FakeAnswers.Wrap(
                FakeAnswers.Sentence($"Patient {word} had a {listed} check and later hepatitis.", [(listed, "Disease"), ("hepatitis", "Disease")]),
                FakeAnswers.Sentence($"Patient {word} took aspirin without a {listed} problem.", [("aspirin", "Chemical")])));
        };
        var result = await h.RunAsync(h.OpenAI(), count: 3);

        result.Status.Should().Be(RunStatus.Completed);
        h.Manifest.Dropped.Should().Contain(NegativeCheck.LabeledNegative, 1);
        h.Server.Requests.First().Prompt.Should().Contain("NEVER LABEL: ").And.NotContain("NEVER LABEL: (none)");
        h.DataLines.Should().HaveCount(3).And.Contain(l => l.Contains("without a"), "the sentence that left the negative unlabeled is kept");
    }

    [Fact]
    public async Task Rejected_credentials_stop_the_run_with_a_configuration_error()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = _ => FakeReply.Status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
        var act = () => h.RunAsync(h.OpenAI(), count: 3);

        var ex = (await act.Should().ThrowAsync<TextMiningException>()).Which;
        ex.Code.Should().Be(ErrorCodes.ProviderConfiguration);
        ex.Message.Should().NotContain(h.Key);
        h.Server.Requests.Should().HaveCount(1, "an authentication failure is not retried");
        h.Manifest.Status.Should().Be(RunStatus.Failed);
    }

    [Fact]
    public async Task Prompt_examples_come_from_the_example_source_and_entity_prompts_carry_no_relations()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = _ => FakeReply.Answer(FakeAnswers.Wrap(FakeAnswers.Sentence(
            $"Cisplatin caused nephrotoxicity in patient {FakeAnswers.NextWord()}.", [("Cisplatin", "Chemical"), ("nephrotoxicity", "Disease")], [("CID", 0, 1)])));
        var options = h.OpenAI(o => o with { ExampleSource = new SeededGenerator(), ExamplesPerPrompt = 2 });
        await h.RunAsync(options, count: 2, o => o with { BatchSize = 1 });

        var prompt = h.Server.Requests.First().Prompt;
        var examples = prompt[(prompt.IndexOf("EXAMPLES:\n", StringComparison.Ordinal) + 10)..].Split('\n')[0];
        var parsed = JsonNode.Parse(examples)!["sentences"]!.AsArray();
        parsed.Should().HaveCount(2);
        parsed.Should().OnlyContain(e => e!["text"]!.GetValue<string>().StartsWith("Patient ") && e["relations"]!.AsArray().Count == 0);
        h.DataLines.Should().HaveCount(2).And.OnlyContain(l => JsonNode.Parse(l)!["relations"]!.AsArray().Count == 0,
            "an entity prompt did not ask for relations, so none it returns are kept");
    }
}
