namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// How strictly the answer's shape is asked for. A generator starts at <see cref="JsonSchema"/> and
/// steps down, for the rest of the run, when the endpoint rejects a level with HTTP 400. Whatever the
/// level, the answer is then read with tolerant extraction of the first JSON object.
/// </summary>
public enum ResponseFormatLevel
{
    /// <summary>response_format json_schema (strict): OpenAI, Azure, recent vLLM and llama.cpp.</summary>
    JsonSchema,

    /// <summary>response_format json_object (JSON mode).</summary>
    JsonObject,

    /// <summary>No response_format: plain text, JSON pulled out of it (code fences and prose tolerated).</summary>
    Text,
}
