namespace Asclepius.TextMining.Generation.Runs;

/// <summary>A progress report, sent after every processed batch. Rate counts samples kept per second in this invocation.</summary>
public sealed record RunProgress(
    int Kept,
    int Target,
    int Dropped,
    long PromptTokens,
    long CompletionTokens,
    long Batches,
    int Retries,
    double SamplesPerSecond,
    TimeSpan? Eta)
{
    public long TotalTokens => PromptTokens + CompletionTokens;
}
