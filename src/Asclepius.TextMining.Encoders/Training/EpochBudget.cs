namespace Asclepius.TextMining.Encoders.Training;

/// <summary>Time left for a trainer that runs epochs under an optional wall-clock budget (for progress displays).</summary>
public static class EpochBudget
{
    /// <summary>Assumes every remaining epoch runs as fast as the ones so far; capped by the time limit. Null before any progress.</summary>
    public static TimeSpan? Remaining(TimeSpan elapsed, double epochsDone, int epochs, TimeSpan? timeLimit)
    {
        if (epochsDone <= 0) return null;
        var estimate = elapsed / epochsDone * Math.Max(0, epochs - epochsDone);
        if (timeLimit is { } limit && limit - elapsed < estimate) estimate = limit > elapsed ? limit - elapsed : TimeSpan.Zero;
        return estimate;
    }
}
