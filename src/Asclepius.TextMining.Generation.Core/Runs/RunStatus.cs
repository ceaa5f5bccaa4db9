namespace Asclepius.TextMining.Generation.Runs;

/// <summary>The values of run.json's "status".</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";

    /// <summary>The token budget (--max-total-tokens) was reached before the target count (ATM502).</summary>
    public const string BudgetExhausted = "budget_exhausted";

    /// <summary>Many batches in a row kept nothing (the generator only produces drops); see "dropped".</summary>
    public const string Stalled = "stalled";

    public const string Cancelled = "cancelled";

    /// <summary>A call failed after all its retries, or the provider refused the configuration; see "error".</summary>
    public const string Failed = "failed";
}
