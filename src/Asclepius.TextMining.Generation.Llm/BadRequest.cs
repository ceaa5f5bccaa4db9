using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Reads an HTTP 400 body (OpenAI and Azure: {"error":{"message","param","code"}}; vLLM: {"message",...};
/// llama.cpp: {"error":{"message","n_ctx","n_prompt_tokens"}}) into what to change before asking again.
/// A 400 is only ever read for what it names: a parameter, the response format, the context length or
/// the content filter; anything else is <see cref="BadRequestKind.Other"/>.
/// </summary>
public sealed partial record BadRequest(BadRequestKind Kind, int? ContextLimit = null, int? PromptTokens = null)
{
    public static BadRequest Read(string body)
    {
        var (message, param, code) = Fields(body);
        var text = $"{message} {code}";
        if (Contains(body, "content_filter") || Contains(body, "content management policy")) return new(BadRequestKind.ContentFilter);

        // Before the parameter checks: vLLM's context error names max_tokens too.
        var limit = FirstInt(ContextLimitPattern(), text) ?? FirstInt(NCtxPattern(), body);
        if (limit is not null || Contains(text, "context length") || Contains(text, "context size") || Contains(text, "context window") || Contains(code, "context_length_exceeded"))
            return new(BadRequestKind.ContextLength, limit, FirstInt(PromptTokensPattern(), text) ?? FirstInt(NPromptPattern(), body));

        if (param == "temperature" || (Contains(message, "temperature") && (Contains(message, "unsupported") || Contains(message, "not support") || Contains(message, "only the default"))))
            return new(BadRequestKind.Temperature);
        if (param == "max_tokens" || (Contains(message, "max_tokens") && Contains(message, "max_completion_tokens") && !Contains(message, "'max_completion_tokens' is not")))
            return new(BadRequestKind.UseMaxCompletionTokens);
        if (param == "max_completion_tokens" || Contains(message, "max_completion_tokens"))
            return new(BadRequestKind.UseMaxTokens);
        if (param is "response_format" or "response_format.type" or "response_format.json_schema" || Contains(message, "response_format") || Contains(message, "json_schema") || Contains(message, "json_object"))
            return new(BadRequestKind.ResponseFormat);
        return new(BadRequestKind.Other);
    }

    private static (string Message, string? Param, string Code) Fields(string body)
    {
        try
        {
            var root = JsonNode.Parse(body);
            var error = root?["error"] is JsonObject e ? e : root as JsonObject;
            return (Str(error?["message"]) ?? body, Str(error?["param"]), Str(error?["code"]) ?? Str(error?["type"]) ?? "");
        }
        catch (System.Text.Json.JsonException)
        {
            return (body, null, "");
        }

        static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? s) ? s : n is JsonValue x ? x.ToJsonString() : null;
    }

    private static bool Contains(string? text, string what) => text is not null && text.Contains(what, StringComparison.OrdinalIgnoreCase);

    private static int? FirstInt(Regex pattern, string text)
    {
        var m = pattern.Match(text);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    // OpenAI/vLLM "maximum context length is 4096 tokens"; llama.cpp "available context size (4096 tokens)".
    [GeneratedRegex(@"(?:maximum context length is|context size \(|context window of|context length of) ?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ContextLimitPattern();

    // OpenAI/vLLM "(596 in the messages" or "your request has 596 input tokens".
    [GeneratedRegex(@"(?:\(|has )(\d+) (?:in the messages|input tokens)", RegexOptions.IgnoreCase)]
    private static partial Regex PromptTokensPattern();

    [GeneratedRegex(@"""n_ctx""\s*:\s*(\d+)")]
    private static partial Regex NCtxPattern();

    [GeneratedRegex(@"""n_prompt_tokens""\s*:\s*(\d+)")]
    private static partial Regex NPromptPattern();
}
