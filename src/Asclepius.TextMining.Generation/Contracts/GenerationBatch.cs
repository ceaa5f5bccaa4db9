namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// What one call returned: candidates, tokens spent, drops the generator itself detected (refusal,
/// unparseable answer) by reason, and the retries it needed by cause ("http_429", "timeout", ...).
/// </summary>
public sealed record GenerationBatch(
    IReadOnlyList<CandidateSample> Samples,
    int PromptTokens = 0,
    int CompletionTokens = 0,
    IReadOnlyDictionary<string, int>? Rejected = null,
    IReadOnlyDictionary<string, int>? Retried = null);
