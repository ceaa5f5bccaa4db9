namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// One chat answer, reduced to what the generator uses. FinishReason is "stop", "length", "content_filter", ...
/// Token counts are null when the server did not report usage.
/// </summary>
public sealed record ChatAnswer(string Content, string? Refusal, string FinishReason, int? PromptTokens, int? CompletionTokens);
