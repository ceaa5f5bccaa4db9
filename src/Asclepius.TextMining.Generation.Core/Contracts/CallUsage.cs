namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// One call to a model as it is billed: the tokens the server reported, or, when it did not say
/// (a timeout, a broken connection, an answer without usage), an estimate marked <see cref="Estimated"/>.
/// Call is "generate", "verify" or "check"; Outcome "ok" or the failure ("timeout", "http_429", ...).
/// </summary>
public sealed record CallUsage(long BatchIndex, string Call, string Outcome, int PromptTokens, int CompletionTokens, bool Estimated);
