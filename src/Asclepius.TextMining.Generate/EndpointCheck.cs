using System.Diagnostics;
using System.Globalization;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.CommandLine;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Validation;
using Spectre.Console;

namespace Asclepius.TextMining.Generate;

/// <summary>
/// `generate --check`: one small generation call through the same path a run takes (adapting to what
/// the endpoint rejects), then a table of what the endpoint accepts: response format, temperature,
/// completion-token parameter, context limit, the calls it took and their tokens, and whether the answer
/// gave valid sentences. Writes nothing. Exit 0 when the answer gave at least one valid sentence.
/// </summary>
public static class EndpointCheck
{
    public static async Task<int> RunAsync(LlmSampleGenerator generator, LabelSchema schema, CancellationToken cancellationToken)
    {
        var calls = new Calls();
        var clock = Stopwatch.StartNew();
        GenerationBatch batch;
        try
        {
            batch = await generator.GenerateAsync(new GenerationRequest(schema, 2, 1, 0, calls), cancellationToken).ConfigureAwait(false);
        }
        catch (GenerationCallException ex)
        {
            Print(generator, calls, clock.Elapsed, valid: 0, batch: null);
            Console.Error.WriteLine($"error: {ex.Message}");
            return GenerateConsole.Failed;
        }
        var validator = new SampleValidator(schema, ValidationOptions.Strict);
        var valid = batch.Samples.Count(s => validator.Validate(s, "check").Kept);
        Print(generator, calls, clock.Elapsed, valid, batch);
        if (valid > 0) return GenerateConsole.Ok;
        Console.Error.WriteLine("error: the endpoint answered, but with no valid sentence; rerun with --keep-raw DIR to see the answers");
        return GenerateConsole.Failed;
    }

    private static void Print(LlmSampleGenerator generator, Calls calls, TimeSpan elapsed, int valid, GenerationBatch? batch)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var table = new Table().AddColumn("endpoint check").AddColumn("result");
        table.AddRow("endpoint / model", Markup.Escape($"{generator.EndpointHost} / {generator.Model}"));
        foreach (var (k, v) in generator.Endpoint.Details()) table.AddRow(Markup.Escape(k), Markup.Escape(v));
        foreach (var (outcome, n) in calls.ByOutcome()) table.AddRow($"calls: {Markup.Escape(outcome)}", n.ToString(CultureInfo.InvariantCulture));
        table.AddRow("tokens (prompt + completion)", $"{calls.Prompt} + {calls.Completion}");
        table.AddRow("seconds", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        if (batch is not null)
        {
            table.AddRow("valid sentences", $"{valid} of {batch.Samples.Count}");
            foreach (var (reason, n) in batch.Rejected ?? new Dictionary<string, int>()) table.AddRow($"rejected: {Markup.Escape(reason)}", n.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    /// <summary>The check's calls, counted in memory (it writes no run folder).</summary>
    private sealed class Calls : IUsageSink
    {
        private readonly List<CallUsage> _all = new();

        public long Prompt { get { lock (_all) return _all.Sum(c => (long)c.PromptTokens); } }
        public long Completion { get { lock (_all) return _all.Sum(c => (long)c.CompletionTokens); } }

        public void Record(CallUsage usage)
        {
            lock (_all) _all.Add(usage);
        }

        public IEnumerable<(string Outcome, int Count)> ByOutcome()
        {
            lock (_all) return _all.GroupBy(c => c.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
        }
    }
}
