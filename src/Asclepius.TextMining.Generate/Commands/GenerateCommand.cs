using System.CommandLine;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.CommandLine;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generate.Commands;

/// <summary>
/// `asclepius-generate generate --provider offline|azure|openai --schema SCHEMA --count N --out DIR ...`:
/// writes DIR/data.jsonl (native JSONL, source synthetic) and DIR/run.json. Rerunning with a larger
/// --count continues the run. API keys come only from the environment variable --api-key-env names.
/// Exit codes: 0 target reached; 1 failed, stalled or token budget exhausted (run.json says which);
/// 2 bad usage.
/// </summary>
public static class GenerateCommand
{
    public sealed class Options
    {
        public GenerateOptions Shared { get; } = new();
        public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "azure: https://RESOURCE.openai.azure.com; openai: base URL such as http://localhost:8000/v1 (default https://api.openai.com/v1).", HelpName = "url" };
        public Option<string?> Deployment { get; } = new("--deployment") { Description = "azure: the deployment name.", HelpName = "name" };
        public Option<string?> Model { get; } = new("--model") { Description = "openai: the model name.", HelpName = "name" };
        public Option<string?> ApiVersion { get; } = new("--api-version") { Description = $"azure: the api-version (default {LlmProviderOptions.DefaultAzureApiVersion}).", HelpName = "version" };
        public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = $"Environment variable holding the API key (default {LlmProviderOptions.DefaultAzureKeyVariable} or {LlmProviderOptions.DefaultOpenAIKeyVariable}). Keys are never taken on the command line.", HelpName = "VAR" };
        public Option<bool> Verify { get; } = new("--verify") { Description = "azure/openai: ask the model to confirm every label in a second call; drop what it rejects." };
        public Option<double> Timeout { get; } = new("--timeout") { Description = "azure/openai: seconds per call before it is abandoned and retried.", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };

        public Option<float?> Temperature { get; } = new("--temperature") { Description = "azure/openai: sampling temperature (default 0.9; dropped by itself when the endpoint accepts only its default, as reasoning models do).", HelpName = "T" };
        public Option<int?> MaxOutputTokens { get; } = new("--max-output-tokens") { Description = "azure/openai: completion budget per call (default 4000; fitted by itself to a context limit the endpoint states).", HelpName = "N" };
        public Option<int?> Attempts { get; } = new("--attempts") { Description = "azure/openai: attempts per call, the first included (default 6); a batch whose attempts all fail on 429/5xx/timeouts is asked again later.", HelpName = "N" };
        public Option<double?> NoProgressTimeout { get; } = new("--no-progress-timeout") { Description = "azure/openai: fail the run (ATM501) only when no call has succeeded for this many seconds (default 600).", HelpName = "SECONDS" };
        public Option<string?> KeepRaw { get; } = new("--keep-raw") { Description = "azure/openai: write every raw answer (batch, prompt id, status, bytes, text) to DIR/raw-answers.jsonl for diagnosis.", HelpName = "DIR" };
        public Option<bool> Check { get; } = new("--check") { Description = "azure/openai: send one small call and print what the endpoint accepts (response format, temperature, token parameter, context), then stop; --count and --out are not needed." };

        /// <summary>Not a real option: catches a key typed on the command line without echoing it back.</summary>
        public Option<string?> ApiKey { get; } = new("--api-key") { Hidden = true };

        /// <summary>The options that only the LLM providers read.</summary>
        public IEnumerable<(Option Option, string Name)> LlmOnly =>
        [
            (Endpoint, "--endpoint"), (Deployment, "--deployment"), (Model, "--model"), (ApiKeyEnv, "--api-key-env"), (ApiVersion, "--api-version"),
            (Temperature, "--temperature"), (MaxOutputTokens, "--max-output-tokens"), (Attempts, "--attempts"), (NoProgressTimeout, "--no-progress-timeout"),
            (KeepRaw, "--keep-raw"), (Check, "--check"),
        ];

        public void AddTo(Command command)
        {
            Shared.AddTo(command);
            foreach (var o in new Option[] { Endpoint, Deployment, Model, ApiVersion, ApiKeyEnv, Verify, Timeout, Temperature, MaxOutputTokens, Attempts, NoProgressTimeout, KeepRaw, Check, ApiKey })
                command.Add(o);
        }
    }

    public static Command Create()
    {
        var options = new Options();
        // --check needs neither: the validator asks for them otherwise.
        options.Shared.Count.Required = false;
        options.Shared.Out.Required = false;
        var command = new Command("generate", "Generate labeled synthetic sentences (offline, or with an LLM that sees only seed names and instructions, never note text).");
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(options.ApiKey) is not null)
            {
                result.AddError("API keys are never taken on the command line (they end up in shell history and process lists); put the key in an environment variable and pass its name with --api-key-env");
                return;
            }
            var errors = new List<string>();
            options.Shared.Check(result, errors);
            if (result.GetResult(options.Timeout) is not null && result.GetValue(options.Timeout) <= 0) errors.Add("--timeout must be positive");
            if (result.GetValue(options.Endpoint) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _)) errors.Add($"--endpoint '{url}' is not an absolute URL");
            if (!result.GetValue(options.Check))
            {
                if (result.GetResult(options.Shared.Count) is null) errors.Add("--count is required");
                if (result.GetResult(options.Shared.Out) is null) errors.Add("--out is required");
            }
            if (result.GetValue(options.Temperature) is < 0 or > 2) errors.Add("--temperature must be between 0 and 2");
            if (result.GetValue(options.MaxOutputTokens) is < 1) errors.Add("--max-output-tokens must be at least 1");
            if (result.GetValue(options.Attempts) is < 1) errors.Add("--attempts must be at least 1");
            if (result.GetValue(options.NoProgressTimeout) is <= 0) errors.Add("--no-progress-timeout must be positive");
            switch (result.GetValue(options.Shared.Provider))
            {
                case GenerateOptions.Azure:
                    if (result.GetValue(options.Endpoint) is null) errors.Add("--provider azure needs --endpoint (https://RESOURCE.openai.azure.com)");
                    if (result.GetValue(options.Deployment) is null) errors.Add("--provider azure needs --deployment");
                    if (result.GetValue(options.Model) is not null) errors.Add("--model is for --provider openai; azure uses --deployment");
                    break;
                case GenerateOptions.OpenAI:
                    if (result.GetValue(options.Model) is null) errors.Add("--provider openai needs --model");
                    if (result.GetValue(options.Deployment) is not null) errors.Add("--deployment is for --provider azure; openai uses --model");
                    if (result.GetValue(options.ApiVersion) is not null) errors.Add("--api-version is for --provider azure");
                    break;
                default:
                    foreach (var (opt, name) in options.LlmOnly)
                        if (result.GetResult(opt) is not null) errors.Add($"{name} is for --provider azure or openai");
                    if (result.GetValue(options.Verify)) errors.Add("--verify is for --provider azure or openai");
                    if (result.GetValue(options.Check)) errors.Add("--check is for --provider azure or openai");
                    break;
            }
            if (errors.Count > 0) result.AddError(string.Join("; ", errors));
        });

        command.SetAction((parse, cancellationToken) => Task.FromResult(GenerateApp.Guard(() =>
        {
            var provider = parse.GetValue(options.Shared.Provider)!;
            var dataFolder = DataFolder.Resolve();
            var schema = DataFolder.LoadSchema(parse.GetValue(options.Shared.Schema)!, dataFolder);
            if (provider == GenerateOptions.Offline)
                return GenerateConsole.RunAsync(OfflineGenerator.Load(schema, dataFolder), schema, options.Shared.RunOptions(parse), cancellationToken).GetAwaiter().GetResult();

            var llm = CreateLlmGenerator(parse, options, provider, schema, dataFolder);
            if (parse.GetValue(options.Check)) return EndpointCheck.RunAsync(llm, schema, cancellationToken).GetAwaiter().GetResult();
            // LLM answers are untrusted: every validation check on, and near duplicates that differ only in a number are one.
            var run = options.Shared.RunOptions(parse) with { NearDuplicatesIgnoreNumbers = true };
            if (parse.GetValue(options.NoProgressTimeout) is { } stall) run = run with { NoProgressTimeout = TimeSpan.FromSeconds(stall) };
            return GenerateConsole.RunAsync(llm, schema, run, cancellationToken, ValidationOptions.Strict).GetAwaiter().GetResult();
        })));
        return command;
    }

    private static LlmSampleGenerator CreateLlmGenerator(ParseResult parse, Options o, string provider, LabelSchema schema, string dataFolder)
    {
        var endpoint = parse.GetValue(o.Endpoint) is { } url ? new Uri(url, UriKind.Absolute) : null; // checked by the validator

        // Prompt examples come from the offline generator: exact, synthetic and free. A schema with no
        // templates (a user's own) gets prompts without examples.
        ISampleGenerator? examples = null;
        try { examples = OfflineGenerator.Load(schema, dataFolder); }
        catch (TextMiningException) { }

        var defaults = new LlmProviderOptions();
        var options = new LlmProviderOptions
        {
            Temperature = parse.GetValue(o.Temperature) ?? defaults.Temperature,
            MaxOutputTokens = parse.GetValue(o.MaxOutputTokens) ?? defaults.MaxOutputTokens,
            Retry = defaults.Retry with { MaxAttempts = parse.GetValue(o.Attempts) ?? defaults.Retry.MaxAttempts },
            KeepRawDirectory = parse.GetValue(o.KeepRaw) is { } raw ? Path.GetFullPath(raw) : null,
            Log = message => Console.Error.WriteLine(message),
            Kind = provider == GenerateOptions.Azure ? ProviderKind.Azure : ProviderKind.OpenAI,
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
            StyleCatalog.Load(Path.Combine(dataFolder, "styles", "styles.json")), options.Prompting, HardNegatives.Load(schema, dataFolder));
        return LlmSampleGenerator.Create(options, builder, schema);
    }
}
