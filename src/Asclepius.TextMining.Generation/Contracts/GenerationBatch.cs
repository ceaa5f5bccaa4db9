namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>What one call returned: candidates, tokens spent, and drops the generator itself detected (refusal, unparseable answer) by reason.</summary>
public sealed record GenerationBatch(
    IReadOnlyList<CandidateSample> Samples,
    int PromptTokens = 0,
    int CompletionTokens = 0,
    IReadOnlyDictionary<string, int>? Rejected = null);
