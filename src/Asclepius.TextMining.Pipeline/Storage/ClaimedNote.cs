using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>A note leased to one worker: its text (or the problem that keeps it from being labeled) and how many times it was claimed.</summary>
public sealed record ClaimedNote(string NoteId, NoteInput Input, int Attempts);
