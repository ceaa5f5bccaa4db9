using System.CommandLine;
using System.Globalization;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Providers;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Validation;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius generate --provider offline|azure|openai --schema SCHEMA --count N --out DIR ...`:
/// writes DIR/data.jsonl (native JSONL, source synthetic) and DIR/run.json. Rerunning with a larger
/// --count continues the run. API keys come only from the environment variable --api-key-env names.
/// Exit codes: 0 target reached; 1 failed, stalled or token budget exhausted (run.json says which);
/// 2 bad usage.
/// </summary>
public static class GenerateCommand
{
    public const string Offline = "offline";
    public const string Azure = "azure";
    public const string OpenAI = "openai";

    public sealed class Options
    {
        public Option<string> Provider { get; } = new Option<string>("--provider")
        {
            Description = "Where sentences come from: offline (lexicons and templates, no network), azure (Azure OpenAI deployment) or openai (any OpenAI-compatible endpoint).",
            DefaultValueFactory = _ => Offline,
        }.AcceptOnlyFromAmong(Offline, Azure, OpenAI);

        public Option<string> Schema { get; } = new("--schema") { Description = "Label schema: a shipped name (chemical-disease, drug-ade) or a schema file.", Required = true, HelpName = "name|path" };
        public Option<int> Count { get; } = new("--count") { Description = "Total documents data.jsonl should hold (a rerun with a larger count continues).", Required = true, HelpName = "N" };
        public Option<string> Out { get; } = new("--out") { Description = "Output folder for data.jsonl and run.json.", Required = true, HelpName = "dir" };
        public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "azure: https://RESOURCE.openai.azure.com; openai: base URL such as http://localhost:8000/v1 (default https://api.openai.com/v1).", HelpName = "url" };
        public Option<string?> Deployment { get; } = new("--deployment") { Description = "azure: the deployment name.", HelpName = "name" };
        public Option<string?> Model { get; } = new("--model") { Description = "openai: the model name.", HelpName = "name" };
        public Option<string?> ApiVersion { get; } = new("--api-version") { Description = $"azure: the api-version (default {LlmProviderOptions.DefaultAzureApiVersion}).", HelpName = "version" };
        public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = $"Environment variable holding the API key (default {LlmProviderOptions.DefaultAzureKeyVariable} or {LlmProviderOptions.DefaultOpenAIKeyVariable}). Keys are never taken on the command line.", HelpName = "VAR" };
        public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Calls in flight at once.", DefaultValueFactory = _ => 1, HelpName = "N" };
        public Option<long?> MaxTotalTokens { get; } = new("--max-total-tokens") { Description = "Stop cleanly (status budget_exhausted, ATM502) once the run has used this many tokens.", HelpName = "N" };
        public Option<int> Seed { get; } = new("--seed") { Description = "Run seed; batch i is asked with a seed derived from it.", DefaultValueFactory = _ => 1, HelpName = "N" };
        public Option<bool> Verify { get; } = new("--verify") { Description = "azure/openai: ask the model to confirm every label in a second call; drop what it rejects." };
        public Option<double> Timeout { get; } = new("--timeout") { Description = "azure/openai: seconds per call before it is abandoned and retried.", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };
        public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Sentences asked per call (default 5 for LLMs, 100 offline).", HelpName = "N" };

        /// <summary>Not a real option: catches a key typed on the command line without echoing it back.</summary>
        public Option<string?> ApiKey { get; } = new("--api-key") { Hidden = true };

        public void AddTo(Command command)
        {
            foreach (var o in new Option[] { Provider, Schema, Count, Out, Endpoint, Deployment, Model, ApiVersion, ApiKeyEnv, Concurrency, MaxTotalTokens, Seed, Verify, Timeout, BatchSize, ApiKey })
                command.Add(o);
        }
    }

    public static Command Create()
    {
        var options = new Options();
        var command = new Command("generate", "Generate labeled synthetic sentences (offline, or with an LLM that sees only seed names and instructions, never note text).");
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(options.ApiKey) is not null)
            {
                result.AddError("API keys are never taken on the command line (they end up in shell history and process lists); put the key in an environment variable and pass its name with --api-key-env");
                return;
            }
            var provider = result.GetValue(options.Provider);
            var errors = new List<string>();
            // Only options given on the command line are checked here (defaults are valid).
            if (result.GetResult(options.Count) is not null && result.GetValue(options.Count) < 1) errors.Add("--count must be at least 1");
            if (result.GetResult(options.Concurrency) is not null && result.GetValue(options.Concurrency) < 1) errors.Add("--concurrency must be at least 1");
            if (result.GetResult(options.Timeout) is not null && result.GetValue(options.Timeout) <= 0) errors.Add("--timeout must be positive");
            if (result.GetValue(options.BatchSize) is < 1) errors.Add("--batch-size must be at least 1");
            if (result.GetValue(options.MaxTotalTokens) is < 1) errors.Add("--max-total-tokens must be at least 1");
            switch (provider)
            {
                case Azure:
                    if (result.GetValue(options.Endpoint) is null) errors.Add("--provider azure needs --endpoint (https://RESOURCE.openai.azure.com)");
                    if (result.GetValue(options.Deployment) is null) errors.Add("--provider azure needs --deployment");
                    if (result.GetValue(options.Model) is not null) errors.Add("--model is for --provider openai; azure uses --deployment");
                    break;
                case OpenAI:
                    if (result.GetValue(options.Model) is null) errors.Add("--provider openai needs --model");
                    if (result.GetValue(options.Deployment) is not null) errors.Add("--deployment is for --provider azure; openai uses --model");
                    if (result.GetValue(options.ApiVersion) is not null) errors.Add("--api-version is for --provider azure");
                    break;
                default:
                    foreach (var (opt, name) in new (Option, string)[] { (options.Endpoint, "--endpoint"), (options.Deployment, "--deployment"), (options.Model, "--model"), (options.ApiKeyEnv, "--api-key-env"), (options.ApiVersion, "--api-version") })
                        if (result.GetResult(opt) is not null) errors.Add($"{name} is for --provider azure or openai");
                    if (result.GetValue(options.Verify)) errors.Add("--verify is for --provider azure or openai");
                    break;
            }
            if (errors.Count > 0) result.AddError(string.Join("; ", errors));
        });

        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandAction.Run(() => RunAsync(parse, options, cancellationToken).GetAwaiter().GetResult())));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Options o, CancellationToken cancellationToken)
    {
        var provider = parse.GetValue(o.Provider)!;
        var dataFolder = DataFolder.TryResolve(AppContext.BaseDirectory);
        var schema = DataFolder.LoadSchema(parse.GetValue(o.Schema)!, dataFolder);
        var count = parse.GetValue(o.Count);
        var outDir = Path.GetFullPath(parse.GetValue(o.Out)!);
        var seed = parse.GetValue(o.Seed);

        ISampleGenerator generator = provider == Offline
            ? CreateOfflineGenerator(schema, dataFolder)
            : CreateLlmGenerator(parse, o, provider, schema, dataFolder ?? DataFolder.Resolve());

        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var logs = new List<string>();
        var runOptions = new GenerationRunOptions
        {
            OutputDirectory = outDir,
            TargetCount = count,
            Seed = seed,
            BatchSize = parse.GetValue(o.BatchSize) ?? (provider == Offline ? 100 : 5),
            Concurrency = parse.GetValue(o.Concurrency),
            MaxTotalTokens = parse.GetValue(o.MaxTotalTokens),
            Log = m => { lock (logs) logs.Add(m); },
        };

        RunResult result;
        try
        {
            if (err.Profile.Capabilities.Interactive)
            {
                result = await err.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(Describe(null, count), maxValue: count);
                        var runner = new GenerationRunner(generator, new SampleValidator(schema), runOptions with
                        {
                            Progress = p => { task.Value = p.Kept; task.Description = Describe(p, count); },
                        });
                        var r = await runner.RunAsync(cancellationToken);
                        task.Value = r.Manifest.Kept;
                        return r;
                    });
            }
            else
            {
                // Not a terminal (CI, a log file): a plain line at most every 10 seconds.
                var last = DateTime.MinValue;
                var runner = new GenerationRunner(generator, new SampleValidator(schema), runOptions with
                {
                    Progress = p =>
                    {
                        if (DateTime.UtcNow - last < TimeSpan.FromSeconds(10) && p.Kept < count) return;
                        last = DateTime.UtcNow;
                        Console.Error.WriteLine(Describe(p, count));
                    },
                });
                result = await runner.RunAsync(cancellationToken);
            }
        }
        finally
        {
            // After the progress display is gone; also when the run failed or was cancelled (it says how to continue).
            lock (logs) foreach (var line in logs) Console.Error.WriteLine(line);
        }

        PrintSummary(result, outDir);
        return result.Status switch
        {
            RunStatus.Completed => CliApp.Ok,
            _ => Fail(result),
        };
    }

    private static int Fail(RunResult result)
    {
        Console.Error.WriteLine($"error: {result.Manifest.Error ?? result.Status}");
        return CliApp.Failed;
    }

    /// <summary>The offline generator: the schema's templates and lexicons in the data folder.</summary>
    internal static ISampleGenerator CreateOfflineGenerator(LabelSchema schema, string? dataFolder) =>
        OfflineGenerator.Load(schema, dataFolder ?? DataFolder.Resolve());

    private static LlmSampleGenerator CreateLlmGenerator(ParseResult parse, Options o, string provider, LabelSchema schema, string dataFolder)
    {
        var endpointText = parse.GetValue(o.Endpoint);
        Uri? endpoint = null;
        if (endpointText is not null && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
            throw new UsageException($"--endpoint '{endpointText}' is not an absolute URL");

        // Prompt examples come from the offline generator: exact, synthetic and free. A schema with no
        // templates (a user's own) gets prompts without examples.
        ISampleGenerator? examples = null;
        try { examples = CreateOfflineGenerator(schema, dataFolder); }
        catch (TextMiningException) { }

        var options = new LlmProviderOptions
        {
            Kind = provider == Azure ? ProviderKind.Azure : ProviderKind.OpenAI,
            Endpoint = endpoint,
            Model = parse.GetValue(o.Model),
            Deployment = parse.GetValue(o.Deployment),
            ApiVersion = parse.GetValue(o.ApiVersion) ?? LlmProviderOptions.DefaultAzureApiVersion,
            ApiKeyEnvironmentVariable = parse.GetValue(o.ApiKeyEnv),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(o.Timeout)),
            Verify = parse.GetValue(o.Verify),
            ExampleSource = examples,
        };
        var builder = new PromptBuilder(schema, PromptSet.Load(dataFolder), SeedBank.Load(schema, dataFolder),
            StyleCatalog.Load(Path.Combine(dataFolder, "styles", "styles.json")), options.Prompting);
        return LlmSampleGenerator.Create(options, builder, schema);
    }

    private static string Describe(RunProgress? p, int target)
    {
        if (p is null) return $"kept 0/{target}";
        var eta = p.Eta is { } e ? $" · ETA {(int)e.TotalHours:00}:{e.Minutes:00}:{e.Seconds:00}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"kept {p.Kept}/{target} · dropped {p.Dropped} · tokens {Tokens(p.TotalTokens)} · {p.SamplesPerSecond:0.0}/s{eta}{(p.Retries > 0 ? $" · retries {p.Retries}" : "")}");
    }

    private static string Tokens(long n) => n >= 1_000_000 ? $"{n / 1e6:0.0}M" : n >= 1000 ? $"{n / 1e3:0.0}k" : n.ToString(CultureInfo.InvariantCulture);

    private static void PrintSummary(RunResult result, string outDir)
    {
        var m = result.Manifest;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var table = new Table().AddColumn("generation").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("status", m.Status);
        table.AddRow("provider / model", Markup.Escape($"{m.Provider} / {m.Model}"));
        table.AddRow("kept", $"{m.Kept} of {m.Target} ({result.KeptThisRun} this run)");
        foreach (var (reason, n) in m.Dropped) table.AddRow($"dropped: {reason}", n.ToString(CultureInfo.InvariantCulture));
        foreach (var (reason, n) in m.DroppedEntities) table.AddRow($"dropped entities: {reason}", n.ToString(CultureInfo.InvariantCulture));
        foreach (var (reason, n) in m.Repaired) table.AddRow($"repaired: {reason}", n.ToString(CultureInfo.InvariantCulture));
        if (m.Tokens.Total > 0) table.AddRow("tokens (prompt + completion)", $"{m.Tokens.Prompt} + {m.Tokens.Completion}");
        if (m.Retries > 0) table.AddRow("retries", string.Join(", ", m.Retried.Select(kv => $"{kv.Key} {kv.Value}")));
        if (result.RecoveredPartialBytes > 0) table.AddRow("cut partial last line", $"{result.RecoveredPartialBytes} bytes");
        console.Write(table);
        console.WriteLine(Path.Combine(outDir, GenerationRunner.DataFileName));
        console.WriteLine(Path.Combine(outDir, GenerationRunner.ManifestFileName));
    }
}
