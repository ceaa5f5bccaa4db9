using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Llm.Tests.Fakes;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Llm.Tests.Fixtures;

/// <summary>
/// A fake server, a mini data folder, an output folder and a secret key in an environment variable of
/// its own; builds real LlmSampleGenerators (real SDK, real HTTP) and runners against the fake.
/// Delays are milliseconds so the suite stays fast.
/// </summary>
public sealed class LlmHarness : IAsyncDisposable
{
    private readonly TempDir _dir = new();

    private LlmHarness(FakeLlmServer server)
    {
        Server = server;
        DataFolder = MiniData.Write(_dir.Path);
        OutDir = _dir.Combine("out");
        KeyVariable = "ATM_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Key = "sk-test-SECRET-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(KeyVariable, Key);
    }

    public FakeLlmServer Server { get; }
    public string DataFolder { get; }
    public string OutDir { get; }
    public string KeyVariable { get; }
    public string Key { get; }
    public List<string> Log { get; } = new();
    public List<RunProgress> Progress { get; } = new();
    public LabelSchema Schema => MiniData.Schema;

    public static async Task<LlmHarness> StartAsync() => new(await FakeLlmServer.StartAsync());

    public LlmProviderOptions OpenAI(Func<LlmProviderOptions, LlmProviderOptions>? change = null)
    {
        var o = new LlmProviderOptions
        {
            Kind = ProviderKind.OpenAI,
            Endpoint = Server.OpenAIEndpoint,
            Model = "fake-model",
            ApiKeyEnvironmentVariable = KeyVariable,
            Timeout = TimeSpan.FromSeconds(5),
            Retry = new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40) },
            Prompting = new PromptBuilderOptions { RelationShare = 0 },
            ExamplesPerPrompt = 0,
            Log = m => { lock (Log) Log.Add(m); },
        };
        return change is null ? o : change(o);
    }

    public LlmProviderOptions Azure(Func<LlmProviderOptions, LlmProviderOptions>? change = null) =>
        OpenAI(o => (change ?? (x => x))(o with { Kind = ProviderKind.Azure, Endpoint = Server.AzureEndpoint, Deployment = "dep-one", Model = null }));

    public LlmSampleGenerator Generator(LlmProviderOptions options) =>
        LlmSampleGenerator.Create(options, MiniData.Builder(DataFolder, options.Prompting), Schema);

    public GenerationRunner Runner(LlmProviderOptions options, int count, Func<GenerationRunOptions, GenerationRunOptions>? change = null)
    {
        var run = new GenerationRunOptions
        {
            OutputDirectory = OutDir,
            TargetCount = count,
            Seed = 7,
            BatchSize = 3,
            MaxEmptyBatchesInARow = 10,
            NoProgressTimeout = TimeSpan.FromSeconds(3),
            Log = m => { lock (Log) Log.Add(m); },
            Progress = p => { lock (Progress) Progress.Add(p); },
        };
        // As asclepius-generate runs LLM answers: every validation check on, near duplicates ignore numbers.
        run = run with { NearDuplicatesIgnoreNumbers = true };
        return new GenerationRunner(Generator(options), new SampleValidator(Schema, ValidationOptions.Strict), change is null ? run : change(run));
    }

    public Task<RunResult> RunAsync(LlmProviderOptions options, int count, Func<GenerationRunOptions, GenerationRunOptions>? change = null, CancellationToken ct = default) =>
        Runner(options, count, change).RunAsync(ct);

    public string RunJson => File.ReadAllText(Path.Combine(OutDir, GenerationRunner.ManifestFileName));

    public RunManifest Manifest => RunManifest.Load(Path.Combine(OutDir, GenerationRunner.ManifestFileName));

    public string[] DataLines => File.ReadAllLines(Path.Combine(OutDir, GenerationRunner.DataFileName));

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(KeyVariable, null);
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
