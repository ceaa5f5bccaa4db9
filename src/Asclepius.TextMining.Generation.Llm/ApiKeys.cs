using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>Reads an API key from the environment. The key is passed to the SDK only; no message ever contains it.</summary>
public static class ApiKeys
{
    /// <summary>Placeholder sent to local OpenAI-compatible servers (vLLM, Ollama, llama.cpp) that need no key.</summary>
    public const string NoKey = "no-key";

    public static string Read(LlmProviderOptions options)
    {
        var name = options.KeyVariable;
        var key = Environment.GetEnvironmentVariable(name);
        if (!string.IsNullOrWhiteSpace(key)) return key.Trim();
        var needsKey = options.Kind == ProviderKind.Azure || options.Endpoint is null
            || options.Endpoint.Host.Equals(LlmProviderOptions.DefaultOpenAIEndpoint.Host, StringComparison.OrdinalIgnoreCase);
        if (!needsKey) return NoKey;
        throw new TextMiningException(ErrorCodes.ProviderConfiguration,
            $"the API key is read from the environment variable {name}, which is not set; set it (or name another with --api-key-env). Keys are never taken on the command line.");
    }
}
