namespace Asclepius.TextMining.Generation.Llm;

public enum ProviderKind
{
    /// <summary>Any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp server) through the OpenAI client with a custom endpoint.</summary>
    OpenAI,

    /// <summary>An Azure OpenAI deployment through Azure.AI.OpenAI's AzureOpenAIClient.</summary>
    Azure,
}
