namespace Asclepius.TextMining.Generation.Runs;

/// <summary>Options of <see cref="GenerationRunner"/>.</summary>
public sealed record GenerationRunOptions
{
    /// <summary>The folder that gets data.jsonl and run.json.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The total number of documents data.jsonl should hold; a rerun with a larger number continues.</summary>
    public required int TargetCount { get; init; }

    /// <summary>The run's seed; batch i is asked with a seed derived from (Seed, i).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Samples asked per call. Fixed for the whole run, so that a batch's request depends only on (Seed, index).</summary>
    public int BatchSize { get; init; } = 5;

    /// <summary>Calls in flight at once.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Stop cleanly with status "budget_exhausted" once the run's tokens (all invocations) reach this.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary>Near duplicates ignore numbers (see <see cref="Validation.DuplicateIndex"/>): on for LLM runs; the offline generator's output stays as it was.</summary>
    public bool NearDuplicatesIgnoreNumbers { get; init; }

    /// <summary>Stop with status "stalled" after this many batches in a row kept nothing.</summary>
    public int MaxEmptyBatchesInARow { get; init; } = 50;

    /// <summary>
    /// A batch whose call failed all its attempts on passing causes (429, 5xx, timeouts) is asked again;
    /// the run fails (ATM501) only when no call has succeeded for this long.
    /// </summary>
    public TimeSpan NoProgressTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>run.json is rewritten at most this often during a run (and always at the end).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Id prefix of the documents: "{prefix}-{number:D6}".</summary>
    public string IdPrefix { get; init; } = "syn";

    public Action<RunProgress>? Progress { get; init; }

    /// <summary>Operational messages (counts, ids, paths; never sample text).</summary>
    public Action<string>? Log { get; init; }
}
