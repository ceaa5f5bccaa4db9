using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// The one adapter over the vendor SDKs: builds a ChatClient for an OpenAI-compatible endpoint
/// (OpenAI 2.1.0, custom OpenAIClientOptions.Endpoint) or an Azure deployment (Azure.AI.OpenAI 2.1.0),
/// with the SDK's own retries off (<see cref="CallRetryPolicy"/> is the one policy) and makes single
/// chat calls. The key goes into an ApiKeyCredential and nowhere else.
/// </summary>
public sealed class ChatEndpoint
{
    private readonly ChatClient _client;

    private ChatEndpoint(ChatClient client, string endpointHost)
    {
        _client = client;
        EndpointHost = endpointHost;
    }

    /// <summary>host[:port] of the endpoint, for run.json.</summary>
    public string EndpointHost { get; }

    public static ChatEndpoint Create(LlmProviderOptions options, string apiKey)
    {
        // The SDK's network timeout stays above the per-call timeout so that ours is the one that fires.
        var networkTimeout = options.Timeout + TimeSpan.FromSeconds(5);
        if (options.Kind == ProviderKind.Azure)
        {
            var endpoint = options.Endpoint ?? throw new ArgumentException("the azure provider needs an endpoint");
            var deployment = options.Deployment ?? throw new ArgumentException("the azure provider needs a deployment");
            var azureOptions = new AzureOpenAIClientOptions(AzureOpenAIClientOptions.ServiceVersion.V2024_10_21)
            {
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = networkTimeout,
            };
            azureOptions.AddPolicy(new ApiVersionPolicy(options.ApiVersion), PipelinePosition.PerCall);
            var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), azureOptions);
            return new ChatEndpoint(azure.GetChatClient(deployment), endpoint.Authority);
        }

        var model = options.Model ?? throw new ArgumentException("the openai provider needs a model");
        var baseUri = NormalizeOpenAIEndpoint(options.Endpoint ?? LlmProviderOptions.DefaultOpenAIEndpoint);
        var openAIOptions = new OpenAIClientOptions
        {
            Endpoint = baseUri,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout,
        };
        return new ChatEndpoint(new ChatClient(model, new ApiKeyCredential(apiKey), openAIOptions), baseUri.Authority);
    }

    /// <summary>"http://host:8000" means "http://host:8000/v1" (vLLM, llama.cpp and Ollama serve the API there).</summary>
    public static Uri NormalizeOpenAIEndpoint(Uri endpoint) =>
        endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, "/v1") : endpoint;

    public async Task<ChatAnswer> CompleteAsync(string prompt, ResponseFormatLevel level, string schemaName, BinaryData jsonSchema,
        LlmProviderOptions options, CancellationToken cancellationToken)
    {
        var chat = new ChatCompletionOptions
        {
            Temperature = options.Temperature,
            MaxOutputTokenCount = options.MaxOutputTokens,
            ResponseFormat = level switch
            {
                ResponseFormatLevel.JsonSchema => ChatResponseFormat.CreateJsonSchemaFormat(schemaName, jsonSchema, jsonSchemaIsStrict: true),
                ResponseFormatLevel.JsonObject => ChatResponseFormat.CreateJsonObjectFormat(),
                _ => null,
            },
        };
        ClientResult<ChatCompletion> result = await _client.CompleteChatAsync([new UserChatMessage(prompt)], chat, cancellationToken).ConfigureAwait(false);
        var completion = result.Value;
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatAnswer(text, completion.Refusal, FinishReasonName(completion.FinishReason),
            completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0);
    }

    private static string FinishReasonName(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
