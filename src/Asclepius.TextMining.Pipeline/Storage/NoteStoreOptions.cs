using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// Table names and work rules shared by the note stores. Table names may be schema-qualified
/// ("cdm.note"); they are checked to be plain identifiers, since they are spliced into SQL.
/// </summary>
public sealed partial record NoteStoreOptions
{
    public static readonly NoteStoreOptions Default = new();

    public string NoteTable { get; init; } = "note";
    public string NoteNlpTable { get; init; } = "note_nlp";
    public string WorkTable { get; init; } = "asclepius_note_work";

    /// <summary>Create missing tables (never alters existing ones).</summary>
    public bool CreateSchema { get; init; } = true;

    /// <summary>How long a claim holds a note; a worker that dies lets its notes go after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A note claimed this many times without being finished is parked with its reason.</summary>
    public int MaxAttempts { get; init; } = 3;

    public int MaxNoteChars { get; init; } = NoteText.DefaultMaxChars;

    /// <summary>Notes moved into the work table per query when new notes are found.</summary>
    public int EnqueueChunk { get; init; } = 10_000;

    internal void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(NoteTable), NoteTable), (nameof(NoteNlpTable), NoteNlpTable), (nameof(WorkTable), WorkTable) })
            if (!Identifier().IsMatch(value))
                throw new TextMiningException(ErrorCodes.StoreUnavailable, $"{name} '{value}' is not a plain table name (letters, digits, '_', optionally 'schema.table')");
        if (MaxAttempts < 1) throw new TextMiningException(ErrorCodes.StoreUnavailable, "MaxAttempts must be at least 1");
        if (LeaseDuration < TimeSpan.FromSeconds(1)) throw new TextMiningException(ErrorCodes.StoreUnavailable, "LeaseDuration must be at least one second");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex Identifier();
}
