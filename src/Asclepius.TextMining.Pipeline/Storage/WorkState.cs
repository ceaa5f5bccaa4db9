namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>The states of a note in a work (lease) table, as stored.</summary>
public static class WorkState
{
    public const string Pending = "pending";
    public const string Leased = "leased";
    public const string Done = "done";
    public const string Parked = "parked";
}
