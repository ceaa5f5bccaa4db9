using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private readonly string? _model;

    private ChatEndpoint(ChatClient client, string endpointHost, string? model)
    {
        _client = client;
        EndpointHost = endpointHost;
        _model = model;
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
            return new ChatEndpoint(azure.GetChatClient(deployment), endpoint.Authority, model: null); // the deployment is in the URL
        }

        var model = options.Model ?? throw new ArgumentException("the openai provider needs a model");
        var baseUri = NormalizeOpenAIEndpoint(options.Endpoint ?? LlmProviderOptions.DefaultOpenAIEndpoint);
        var openAIOptions = new OpenAIClientOptions
        {
            Endpoint = baseUri,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout,
        };
        return new ChatEndpoint(new ChatClient(model, new ApiKeyCredential(apiKey), openAIOptions), baseUri.Authority, model);
    }

    /// <summary>"http://host:8000" means "http://host:8000/v1" (vLLM, llama.cpp and Ollama serve the API there).</summary>
    public static Uri NormalizeOpenAIEndpoint(Uri endpoint) =>
        endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, "/v1") : endpoint;

    /// <summary>
    /// One chat call through the SDK's protocol method, with the JSON body written here so that every
    /// parameter is what <paramref name="shape"/> says (the typed options cannot leave out temperature
    /// for reasoning models or choose between max_tokens and max_completion_tokens). Non-success
    /// statuses throw ClientResultException; an answer without choices throws JsonException.
    /// </summary>
    public async Task<ChatAnswer> CompleteAsync(string prompt, RequestShape shape, string schemaName, BinaryData jsonSchema, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        };
        if (_model is not null) body["model"] = _model;
        if (shape.Temperature is { } t) body["temperature"] = Math.Round(t, 4);
        if (shape.MaxOutputTokens is { } n) body[shape.TokenParameter] = n;
        switch (shape.Format)
        {
            case ResponseFormatLevel.JsonSchema:
                body["response_format"] = new JsonObject
                {
                    ["type"] = "json_schema",
                    ["json_schema"] = new JsonObject { ["name"] = schemaName, ["schema"] = JsonNode.Parse(jsonSchema.ToString()), ["strict"] = true },
                };
                break;
            case ResponseFormatLevel.JsonObject:
                body["response_format"] = new JsonObject { ["type"] = "json_object" };
                break;
        }
        var result = await _client.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())),
            new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        return ReadAnswer(result.GetRawResponse().Content.ToString());
    }

    /// <summary>The first choice's text, refusal and finish reason, and the usage the server reported (null when it did not).</summary>
    public static ChatAnswer ReadAnswer(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the response is not a JSON object");
        var choice = (root["choices"] as JsonArray)?.FirstOrDefault() as JsonObject ?? throw new JsonException("the response has no choices");
        var message = choice["message"] as JsonObject;
        var content = message?["content"] switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonArray parts => string.Concat(parts.Select(p => p?["text"] is JsonValue pv && pv.TryGetValue(out string? ps) ? ps : "")),
            _ => "",
        };
        var refusal = message?["refusal"] is JsonValue r && r.TryGetValue(out string? rs) ? rs : null;
        var finish = choice["finish_reason"] is JsonValue f && f.TryGetValue(out string? fs) ? fs : "stop";
        var usage = root["usage"] as JsonObject;
        return new ChatAnswer(content ?? "", refusal, finish, Int(usage?["prompt_tokens"]), Int(usage?["completion_tokens"]));

        static int? Int(JsonNode? n) => n is JsonValue v && v.TryGetValue(out int i) ? i : null;
    }
}
