using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>A note leased to one worker: its text (or the problem that keeps it from being labeled) and how many times it was claimed.</summary>
public sealed record ClaimedNote(string NoteId, NoteInput Input, int Attempts)
{
    /// <summary>How logs name the note: its id, or a hash where the id is a file name (names and MRNs live in file names).</summary>
    public string LogId { get; init; } = NoteId;
}
