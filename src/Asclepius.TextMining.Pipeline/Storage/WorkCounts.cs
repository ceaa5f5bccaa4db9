namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>How many notes of one model version are in each state. <see cref="NotQueued"/>: notes the work table does not list yet.</summary>
public sealed record WorkCounts(long Pending, long Leased, long Done, long Parked, long NotQueued = 0)
{
    public long Open => Pending + Leased + NotQueued;
}
