using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Generation.Llm.Tests.Fakes;

/// <summary>What the fake server saw: route, query, the headers that carry keys, the raw body and the prompt in it.</summary>
public sealed record RecordedRequest(string Route, string Path, string Query, string? ApiKeyHeader, string? Authorization, string Body, DateTimeOffset At)
{
    public JsonNode? Json => JsonNode.Parse(Body);

    /// <summary>The text of the (single) user message.</summary>
    public string Prompt
    {
        get
        {
            var content = Json?["messages"]?[0]?["content"];
            if (content is JsonArray parts) return string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? ""));
            return content?.GetValue<string>() ?? "";
        }
    }

    /// <summary>"json_schema", "json_object" or null when no response_format was sent.</summary>
    public string? ResponseFormat => Json?["response_format"]?["type"]?.GetValue<string>();

    public bool IsVerify => Prompt.Contains("SENTENCES TO CHECK", StringComparison.Ordinal);

    public bool IsRelationPrompt => Prompt.Contains("TRIPLES", StringComparison.Ordinal);
}
