using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// A generator call that failed for good (ATM501 after its retries, ATM503 for a refused
/// configuration). Carries the retries it made, so that run.json counts them even for a failed run.
/// </summary>
public sealed class GenerationCallException(string code, string message, IReadOnlyDictionary<string, int> retried, Exception? inner = null)
    : TextMiningException(code, message, inner: inner)
{
    public IReadOnlyDictionary<string, int> Retried { get; } = retried;
}
