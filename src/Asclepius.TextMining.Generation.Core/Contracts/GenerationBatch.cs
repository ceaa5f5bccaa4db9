namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// What one request returned: candidates, drops the generator itself detected (refusal, unparseable
/// answer) by reason, and the retries it needed by cause ("http_429", "timeout", ...). Tokens are not
/// here: every call reports them to the request's <see cref="IUsageSink"/> when it ends, failed calls too.
/// </summary>
public sealed record GenerationBatch(
    IReadOnlyList<CandidateSample> Samples,
    IReadOnlyDictionary<string, int>? Rejected = null,
    IReadOnlyDictionary<string, int>? Retried = null);
