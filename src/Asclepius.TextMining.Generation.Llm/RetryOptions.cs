namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// The generator's own retry policy (the SDK's is switched off so that this one is the one that runs).
/// Delays: BaseDelay·2^(attempt-1) with jitter (×0.5–1.0), or the server's Retry-After / retry-after-ms
/// on 429 and 5xx; always capped at MaxDelay (tests set it to milliseconds).
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Attempts per call, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(90);
}
