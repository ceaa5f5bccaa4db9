using System.CommandLine;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.CommandLine;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Prompts;

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

        /// <summary>Not a real option: catches a key typed on the command line without echoing it back.</summary>
        public Option<string?> ApiKey { get; } = new("--api-key") { Hidden = true };

        /// <summary>The options that only the LLM providers read.</summary>
        public IEnumerable<(Option Option, string Name)> LlmOnly => [(Endpoint, "--endpoint"), (Deployment, "--deployment"), (Model, "--model"), (ApiKeyEnv, "--api-key-env"), (ApiVersion, "--api-version")];

        public void AddTo(Command command)
        {
            Shared.AddTo(command);
            foreach (var o in new Option[] { Endpoint, Deployment, Model, ApiVersion, ApiKeyEnv, Verify, Timeout, ApiKey })
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
            var errors = new List<string>();
            options.Shared.Check(result, errors);
            if (result.GetResult(options.Timeout) is not null && result.GetValue(options.Timeout) <= 0) errors.Add("--timeout must be positive");
            if (result.GetValue(options.Endpoint) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _)) errors.Add($"--endpoint '{url}' is not an absolute URL");
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
                    break;
            }
            if (errors.Count > 0) result.AddError(string.Join("; ", errors));
        });

        command.SetAction((parse, cancellationToken) => Task.FromResult(GenerateApp.Guard(() =>
        {
            var provider = parse.GetValue(options.Shared.Provider)!;
            var dataFolder = DataFolder.Resolve();
            var schema = DataFolder.LoadSchema(parse.GetValue(options.Shared.Schema)!, dataFolder);
            ISampleGenerator generator = provider == GenerateOptions.Offline
                ? OfflineGenerator.Load(schema, dataFolder)
                : CreateLlmGenerator(parse, options, provider, schema, dataFolder);
            return GenerateConsole.RunAsync(generator, schema, options.Shared.RunOptions(parse), cancellationToken).GetAwaiter().GetResult();
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

        var options = new LlmProviderOptions
        {
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
            StyleCatalog.Load(Path.Combine(dataFolder, "styles", "styles.json")), options.Prompting);
        return LlmSampleGenerator.Create(options, builder, schema);
    }
}
