namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// A claimed note that could not be labeled. <see cref="Retry"/>: the fault may pass (a component threw),
/// so the note goes back to the queue until it has been tried MaxAttempts times; otherwise (bad input:
/// empty, binary, too large) it is parked at once. The reason is stored in the work table, not logged.
/// </summary>
public sealed record NoteFailure(string NoteId, string Code, string Reason, bool Retry);
