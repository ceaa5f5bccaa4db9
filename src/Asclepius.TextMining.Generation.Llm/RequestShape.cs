namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// How one chat request is written: the response format, the temperature (null: not sent), the name of
/// the completion-budget parameter ("max_tokens" or "max_completion_tokens") and the budget (null: not sent).
/// </summary>
public sealed record RequestShape(ResponseFormatLevel Format, float? Temperature, string TokenParameter, int? MaxOutputTokens);
