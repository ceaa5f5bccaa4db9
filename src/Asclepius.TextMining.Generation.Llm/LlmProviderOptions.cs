using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// How to reach an LLM and what to ask of it. The API key is never here: it is read from the
/// environment variable <see cref="ApiKeyEnvironmentVariable"/> names, and never written anywhere.
/// </summary>
public sealed record LlmProviderOptions
{
    public const string DefaultAzureKeyVariable = "AZURE_OPENAI_API_KEY";
    public const string DefaultOpenAIKeyVariable = "OPENAI_API_KEY";
    public const string DefaultAzureApiVersion = "2024-10-21";
    public static readonly Uri DefaultOpenAIEndpoint = new("https://api.openai.com/v1");

    public ProviderKind Kind { get; init; } = ProviderKind.OpenAI;

    /// <summary>OpenAI-compatible: the base URL up to /v1 (added when the URL has no path). Azure: the resource URL.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Model name (openai).</summary>
    public string? Model { get; init; }

    /// <summary>Deployment name (azure).</summary>
    public string? Deployment { get; init; }

    /// <summary>Azure api-version query value.</summary>
    public string ApiVersion { get; init; } = DefaultAzureApiVersion;

    /// <summary>The environment variable holding the key; defaults to AZURE_OPENAI_API_KEY or OPENAI_API_KEY.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Per-call timeout (one attempt).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public RetryOptions Retry { get; init; } = new();

    public ResponseFormatLevel ResponseFormat { get; init; } = ResponseFormatLevel.JsonSchema;

    public float? Temperature { get; init; } = 0.9f;

    public int? MaxOutputTokens { get; init; } = 4_000;

    /// <summary>Ask the model, in a second call, to confirm every entity and relation label; drop samples it rejects ("verify_rejected").</summary>
    public bool Verify { get; init; }

    /// <summary>Relation prompts: drop a sentence whose relations do not match the triple it was asked for ("triple_mismatch").</summary>
    public bool CheckTriples { get; init; } = true;

    public PromptBuilderOptions Prompting { get; init; } = new();

    /// <summary>Examples shown in each prompt.</summary>
    public int ExamplesPerPrompt { get; init; } = 2;

    /// <summary>Fixed example samples to draw prompt examples from.</summary>
    public IReadOnlyList<CandidateSample> Examples { get; init; } = Array.Empty<CandidateSample>();

    /// <summary>A generator to draw prompt examples from instead (the offline generator: exact, synthetic, free).</summary>
    public ISampleGenerator? ExampleSource { get; init; }

    /// <summary>Operational messages, once each: what the generator changed to suit the endpoint (never prompt or answer text).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>--keep-raw DIR: every raw answer is written to DIR/raw-answers.jsonl for diagnosis.</summary>
    public string? KeepRawDirectory { get; init; }

    public string KeyVariable => ApiKeyEnvironmentVariable ?? (Kind == ProviderKind.Azure ? DefaultAzureKeyVariable : DefaultOpenAIKeyVariable);
}
