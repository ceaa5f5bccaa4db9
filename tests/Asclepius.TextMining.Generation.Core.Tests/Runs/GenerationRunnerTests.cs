using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Tests.Fakes;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Tests.Runs;

public sealed class GenerationRunnerTests
{
    private static GenerationRunner Runner(ISampleGenerator generator, string dir, int count, Func<GenerationRunOptions, GenerationRunOptions>? change = null)
    {
        var options = new GenerationRunOptions { OutputDirectory = dir, TargetCount = count, Seed = 3, BatchSize = 4 };
        return new GenerationRunner(generator, new SampleValidator(MiniData.Schema), change is null ? options : change(options));
    }

    private static string[] Texts(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "data.jsonl")).Select(l => JsonNode.Parse(l)!["text"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Rerun_reloads_kept_texts_into_the_duplicate_index()
    {
        using var dir = new TempDir();
        var gen = new SeededGenerator();
        await Runner(gen, dir.Path, 8).RunAsync(default);
        // Same seeds again from batch 0 (run.json lost its batch counter and the documents their batch numbers): every text is a repeat.
        var manifestPath = Path.Combine(dir.Path, "run.json");
        var m = RunManifest.Load(manifestPath);
        m.Batches = 0;
        m.Save(manifestPath);
        var data = Path.Combine(dir.Path, "data.jsonl");
        File.WriteAllLines(data, File.ReadAllLines(data).Select(l =>
        {
            var doc = JsonNode.Parse(l)!;
            doc["metadata"]!.AsObject().Remove("batch");
            return doc.ToJsonString();
        }));

        var result = await Runner(gen, dir.Path, 12).RunAsync(default);

        result.Manifest.Dropped.Should().Contain(DropReasons.Duplicate, 8);
        Texts(dir.Path).Should().HaveCount(12).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_run_json_left_behind_data_jsonl_continues_after_the_last_batch_written()
    {
        using var dir = new TempDir();
        await Runner(new SeededGenerator(), dir.Path, 8).RunAsync(default);
        var manifestPath = Path.Combine(dir.Path, "run.json");
        var m = RunManifest.Load(manifestPath);
        m.Batches = 0; // a kill between checkpoints: run.json behind data.jsonl
        m.Save(manifestPath);
        var log = new List<string>();

        var result = await Runner(new SeededGenerator(), dir.Path, 12, o => o with { Log = log.Add }).RunAsync(default);

        result.Manifest.Dropped.Should().NotContainKey(DropReasons.Duplicate, "batches 0 and 1 were not asked again");
        result.Manifest.Batches.Should().Be(3);
        log.Should().Contain(l => l.Contains("continuing after it"));
    }

    [Fact]
    public async Task Budget_exhaustion_stops_cleanly_with_status_and_code()
    {
        using var dir = new TempDir();
        var gen = new SeededGenerator { TokensPerCall = 50 };
        var result = await Runner(gen, dir.Path, 100, o => o with { MaxTotalTokens = 250 }).RunAsync(default);

        result.Status.Should().Be(RunStatus.BudgetExhausted);
        result.Manifest.Tokens.Total.Should().BeGreaterThanOrEqualTo(250);
        result.Manifest.Error.Should().Contain(ErrorCodes.BudgetExhausted);
        result.Manifest.Kept.Should().Be(12, "3 batches of 4 spent 300 tokens, the third crossing the budget");
        gen.Calls.Should().Be(3);
        RunManifest.Load(Path.Combine(dir.Path, "run.json")).Status.Should().Be(RunStatus.BudgetExhausted);

        var again = await Runner(gen, dir.Path, 100, o => o with { MaxTotalTokens = 250 }).RunAsync(default);
        again.Status.Should().Be(RunStatus.BudgetExhausted);
        gen.Calls.Should().Be(3, "the budget is for the whole run, across reruns");
    }

    [Fact]
    public async Task Cancellation_leaves_only_whole_lines_and_a_rerun_continues()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var gen = new SeededGenerator { MaxLatencyMs = 5, OnCall = r => { if (r.BatchIndex == 5) cts.Cancel(); } };
        var act = () => Runner(gen, dir.Path, 1000, o => o with { Concurrency = 3 }).RunAsync(cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        var bytes = File.ReadAllBytes(Path.Combine(dir.Path, "data.jsonl"));
        bytes.Should().NotBeEmpty();
        bytes[^1].Should().Be((byte)'\n');
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)) JsonNode.Parse(line).Should().NotBeNull();
        var m = RunManifest.Load(Path.Combine(dir.Path, "run.json"));
        m.Status.Should().Be(RunStatus.Cancelled);
        m.Kept.Should().Be(Texts(dir.Path).Length);

        var resumed = await Runner(new SeededGenerator(), dir.Path, m.Kept + 6).RunAsync(default);
        resumed.Status.Should().Be(RunStatus.Completed);
        Texts(dir.Path).Should().HaveCount(m.Kept + 6).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_partial_last_line_from_a_crash_is_cut_and_reported()
    {
        using var dir = new TempDir();
        await Runner(new SeededGenerator(), dir.Path, 5).RunAsync(default);
        var data = Path.Combine(dir.Path, "data.jsonl");
        File.AppendAllText(data, "{\"id\":\"syn-000006\",\"text\":\"Patient 1 had ra");
        var log = new List<string>();

        var result = await Runner(new SeededGenerator(), dir.Path, 7, o => o with { Log = log.Add }).RunAsync(default);

        result.RecoveredPartialBytes.Should().BeGreaterThan(0);
        result.Manifest.RecoveredPartialBytes.Should().Be(result.RecoveredPartialBytes);
        log.Should().Contain(l => l.Contains("partial") && l.Contains("cut"));
        var lines = File.ReadAllLines(data);
        lines.Should().HaveCount(7);
        lines.Should().OnlyContain(l => JsonNode.Parse(l) != null);
    }

    [Fact]
    public async Task Output_is_the_same_for_any_concurrency()
    {
        using var one = new TempDir();
        using var four = new TempDir();
        await Runner(new SeededGenerator { MaxLatencyMs = 15 }, one.Path, 30, o => o with { Concurrency = 1 }).RunAsync(default);
        await Runner(new SeededGenerator { MaxLatencyMs = 15 }, four.Path, 30, o => o with { Concurrency = 4 }).RunAsync(default);

        File.ReadAllText(Path.Combine(four.Path, "data.jsonl")).Should().Be(File.ReadAllText(Path.Combine(one.Path, "data.jsonl")));
    }

    [Fact]
    public async Task Concurrency_keeps_several_calls_in_flight()
    {
        using var dir = new TempDir();
        var inFlight = 0;
        var most = 0;
        var firstCallWaited = 0;
        var gen = new SeededGenerator
        {
            Override = _ =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                // The first call stays in flight until a second one starts (at most 10 s). A fixed sleep made this
                // test fail on a busy machine, where the thread pool ran the batches one after the other; a runner
                // that really issues one call at a time still fails it, only 10 s later.
                if (Interlocked.Exchange(ref firstCallWaited, 1) == 0)
                    SpinWait.SpinUntil(() => Volatile.Read(ref most) > 1, TimeSpan.FromSeconds(10));
                else
                    Thread.Sleep(5);
                Interlocked.Decrement(ref inFlight);
                return null;
            },
        };
        await Runner(gen, dir.Path, 40, o => o with { Concurrency = 4 }).RunAsync(default);
        most.Should().BeGreaterThan(1).And.BeLessThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_generator_that_only_produces_drops_stalls_instead_of_looping_forever()
    {
        using var dir = new TempDir();
        var gen = new SeededGenerator { Override = r => new GenerationBatch([new CandidateSample("I'm sorry, I cannot do that.", [], [])]) };
        var result = await Runner(gen, dir.Path, 10, o => o with { MaxEmptyBatchesInARow = 5 }).RunAsync(default);

        result.Status.Should().Be(RunStatus.Stalled);
        result.Manifest.Error.Should().Contain("refusal");
        gen.Calls.Should().Be(5);
    }

    [Fact]
    public async Task Rerun_with_another_seed_or_schema_is_refused()
    {
        using var dir = new TempDir();
        await Runner(new SeededGenerator(), dir.Path, 4).RunAsync(default);
        var act = () => Runner(new SeededGenerator(), dir.Path, 8, o => o with { Seed = 99 }).RunAsync(default);

        (await act.Should().ThrowAsync<TextMiningException>()).Which.Message.Should().Contain("--seed 3");
    }

    [Fact]
    public async Task Data_without_a_run_manifest_is_not_appended_to()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "data.jsonl"), "{\"id\":\"x\",\"text\":\"someone else's data\"}\n");
        var act = () => Runner(new SeededGenerator(), dir.Path, 4).RunAsync(default);
        (await act.Should().ThrowAsync<TextMiningException>()).Which.Code.Should().Be(ErrorCodes.ProviderConfiguration);
    }

    [Fact]
    public async Task Target_already_reached_makes_no_call()
    {
        using var dir = new TempDir();
        await Runner(new SeededGenerator(), dir.Path, 6).RunAsync(default);
        var gen = new SeededGenerator();
        var result = await Runner(gen, dir.Path, 6).RunAsync(default);
        result.Status.Should().Be(RunStatus.Completed);
        gen.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Progress_reports_kept_dropped_tokens_rate_and_eta()
    {
        using var dir = new TempDir();
        var reports = new List<RunProgress>();
        await Runner(new SeededGenerator { TokensPerCall = 10 }, dir.Path, 12, o => o with { Progress = reports.Add }).RunAsync(default);
        reports.Should().HaveCount(3);
        reports[^1].Kept.Should().Be(12);
        reports[^1].TotalTokens.Should().Be(60);
        reports[0].SamplesPerSecond.Should().BeGreaterThan(0);
        reports[0].Eta.Should().NotBeNull();
    }

    [Fact]
    public void Batch_seeds_differ_by_index_and_by_run_seed()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => GenerationRunner.BatchSeed(1, i)).ToList();
        seeds.Should().OnlyHaveUniqueItems();
        GenerationRunner.BatchSeed(2, 0).Should().NotBe(GenerationRunner.BatchSeed(1, 0));
        GenerationRunner.BatchSeed(1, 5).Should().Be(GenerationRunner.BatchSeed(1, 5));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
