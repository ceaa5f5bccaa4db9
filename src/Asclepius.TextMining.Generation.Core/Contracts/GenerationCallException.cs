using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// A generator call that failed for good (ATM501 after its retries, ATM503 for a refused
/// configuration). Carries the retries it made, so that run.json counts them even for a failed run.
/// <see cref="Transient"/>: it failed only on causes that pass (429, 5xx, timeouts, broken connections),
/// so the runner asks the batch again later instead of failing the run.
/// </summary>
public sealed class GenerationCallException(string code, string message, IReadOnlyDictionary<string, int> retried, Exception? inner = null, bool transient = false)
    : TextMiningException(code, message, inner: inner)
{
    public IReadOnlyDictionary<string, int> Retried { get; } = retried;

    public bool Transient { get; } = transient;
}
