namespace Asclepius.TextMining.Generation.Llm;

/// <summary>One chat answer, reduced to what the generator uses. FinishReason is "stop", "length", "content_filter", ...</summary>
public sealed record ChatAnswer(string Content, string? Refusal, string FinishReason, int PromptTokens, int CompletionTokens);
