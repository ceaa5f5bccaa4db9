namespace Asclepius.TextMining.Generation.Llm;

/// <summary>What an HTTP 400 from an endpoint asks of the next request (see <see cref="BadRequest"/>).</summary>
public enum BadRequestKind
{
    /// <summary>Nothing this program can change (a malformed request, an unknown model): the run fails with the server's message.</summary>
    Other,

    /// <summary>The service's content filter refused the prompt: the batch is dropped.</summary>
    ContentFilter,

    /// <summary>Prompt plus completion budget exceed the model's context: fit the budget to the stated limit.</summary>
    ContextLength,

    /// <summary>Only the default temperature is supported (reasoning models): stop sending it.</summary>
    Temperature,

    /// <summary>"max_tokens" is not supported, use "max_completion_tokens" (Azure o-series, OpenAI reasoning models).</summary>
    UseMaxCompletionTokens,

    /// <summary>"max_completion_tokens" is not known (older OpenAI-compatible servers): send "max_tokens".</summary>
    UseMaxTokens,

    /// <summary>The response_format asked for is not supported: ask with the next lower one.</summary>
    ResponseFormat,
}
