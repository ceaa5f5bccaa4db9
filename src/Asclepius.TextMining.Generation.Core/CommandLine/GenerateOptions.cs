using System.CommandLine;
using Asclepius.TextMining.Generation.Runs;

namespace Asclepius.TextMining.Generation.CommandLine;

/// <summary>
/// The options of `generate` that `asclepius` (offline only) and `asclepius-generate` (offline and LLMs)
/// share, made in one place so that names, help, defaults and checks agree between the two tools.
/// </summary>
public sealed class GenerateOptions
{
    public const string Offline = "offline";
    public const string Azure = "azure";
    public const string OpenAI = "openai";

    public Option<string> Provider { get; } = new Option<string>("--provider")
    {
        Description = "Where sentences come from: offline (lexicons and templates, no network), azure (Azure OpenAI deployment) or openai (any OpenAI-compatible endpoint; asclepius-generate only).",
        DefaultValueFactory = _ => Offline,
    }.AcceptOnlyFromAmong(Offline, Azure, OpenAI);

    public Option<string> Schema { get; } = new("--schema") { Description = "Label schema: a shipped name (chemical-disease, drug-ade) or a schema file.", Required = true, HelpName = "name|path" };
    public Option<int> Count { get; } = new("--count") { Description = "Total documents data.jsonl should hold (a rerun with a larger count continues).", Required = true, HelpName = "N" };
    public Option<string> Out { get; } = new("--out") { Description = "Output folder for data.jsonl and run.json.", Required = true, HelpName = "dir" };
    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Calls in flight at once.", DefaultValueFactory = _ => 1, HelpName = "N" };
    public Option<long?> MaxTotalTokens { get; } = new("--max-total-tokens") { Description = "Stop cleanly (status budget_exhausted, ATM502) once the run has used this many tokens.", HelpName = "N" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Run seed; batch i is asked with a seed derived from it.", DefaultValueFactory = _ => 1, HelpName = "N" };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Sentences asked per call (default 5 for LLMs, 100 offline).", HelpName = "N" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Provider, Schema, Count, Out, Concurrency, MaxTotalTokens, Seed, BatchSize })
            command.Add(o);
    }

    /// <summary>The checks of the shared options; only values given on the command line are checked (defaults are valid).</summary>
    public void Check(System.CommandLine.Parsing.CommandResult result, List<string> errors)
    {
        if (result.GetResult(Count) is not null && result.GetValue(Count) < 1) errors.Add("--count must be at least 1");
        if (result.GetResult(Concurrency) is not null && result.GetValue(Concurrency) < 1) errors.Add("--concurrency must be at least 1");
        if (result.GetValue(BatchSize) is < 1) errors.Add("--batch-size must be at least 1");
        if (result.GetValue(MaxTotalTokens) is < 1) errors.Add("--max-total-tokens must be at least 1");
    }

    /// <summary>The runner's options from the command line (progress and log are set by <see cref="GenerateConsole"/>).</summary>
    public GenerationRunOptions RunOptions(ParseResult parse)
    {
        var offline = parse.GetValue(Provider) == Offline;
        return new GenerationRunOptions
        {
            OutputDirectory = Path.GetFullPath(parse.GetValue(Out)!),
            TargetCount = parse.GetValue(Count),
            Seed = parse.GetValue(Seed),
            BatchSize = parse.GetValue(BatchSize) ?? (offline ? 100 : 5),
            Concurrency = parse.GetValue(Concurrency),
            MaxTotalTokens = parse.GetValue(MaxTotalTokens),
        };
    }
}
