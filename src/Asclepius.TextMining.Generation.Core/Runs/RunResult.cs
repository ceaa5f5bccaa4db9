namespace Asclepius.TextMining.Generation.Runs;

/// <summary>How a run ended (completed, budget_exhausted or stalled; failures and cancellation throw) and the manifest it left in run.json.</summary>
public sealed record RunResult(string Status, RunManifest Manifest, int KeptThisRun, long RecoveredPartialBytes)
{
    public bool ReachedTarget => Manifest.Kept >= Manifest.Target;
}
