using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// Table names and work rules shared by the note stores. Table names may be schema-qualified
/// ("cdm.note"); they are checked to be plain identifiers, since they are spliced into SQL.
/// PostgreSQL: NOTE and NOTE_NLP live in the CDM schema (<see cref="CdmSchema"/>, or the search path);
/// the worker's own state (work table, id sequence) in <see cref="WorkSchema"/>.
/// </summary>
public sealed partial record NoteStoreOptions
{
    public static readonly NoteStoreOptions Default = new();

    public string NoteTable { get; init; } = "note";
    public string NoteNlpTable { get; init; } = "note_nlp";

    /// <summary>PostgreSQL schema of NOTE and NOTE_NLP when their names are not qualified; empty: the search path.</summary>
    public string CdmSchema { get; init; } = "";

    /// <summary>PostgreSQL schema holding the worker's own work table and note_nlp_id sequence.</summary>
    public string WorkSchema { get; init; } = "asclepius";

    /// <summary>Create what is missing (work schema, and NOTE/NOTE_NLP as CDM 5.4 defines them); never alters what exists.</summary>
    public bool CreateSchema { get; init; } = true;

    /// <summary>How long a claim holds a note; a worker that dies lets its notes go after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A note claimed this many times without being finished is parked with its reason.</summary>
    public int MaxAttempts { get; init; } = 3;

    public int MaxNoteChars { get; init; } = NoteText.DefaultMaxChars;

    /// <summary>Notes moved into the work table per query when new notes are found.</summary>
    public int EnqueueChunk { get; init; } = 10_000;

    /// <summary>NOTE, qualified with <see cref="CdmSchema"/> when given.</summary>
    public string Note => Qualify(NoteTable);

    /// <summary>NOTE_NLP, qualified with <see cref="CdmSchema"/> when given.</summary>
    public string NoteNlp => Qualify(NoteNlpTable);

    /// <summary>The work (lease) table.</summary>
    public string Work => $"{WorkSchema}.note_work";

    /// <summary>The note_nlp_id sequence.</summary>
    public string Sequence => $"{WorkSchema}.note_nlp_id_seq";

    private string Qualify(string table) => CdmSchema.Length == 0 || table.Contains('.') ? table : $"{CdmSchema}.{table}";

    /// <summary>Throws ATM702 when a table or schema name is not a plain identifier or a rule is out of range.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(NoteTable), NoteTable), (nameof(NoteNlpTable), NoteNlpTable) })
            if (!Identifier().IsMatch(value))
                throw new TextMiningException(ErrorCodes.StoreUnavailable, $"{name} '{value}' is not a plain table name (letters, digits, '_', optionally 'schema.table')");
        foreach (var (name, value) in new[] { (nameof(CdmSchema), CdmSchema), (nameof(WorkSchema), WorkSchema) })
            if ((value.Length > 0 || name == nameof(WorkSchema)) && !Name().IsMatch(value))
                throw new TextMiningException(ErrorCodes.StoreUnavailable, $"{name} '{value}' is not a plain schema name (letters, digits, '_')");
        if (MaxAttempts < 1) throw new TextMiningException(ErrorCodes.StoreUnavailable, "MaxAttempts must be at least 1");
        if (LeaseDuration < TimeSpan.FromSeconds(1)) throw new TextMiningException(ErrorCodes.StoreUnavailable, "LeaseDuration must be at least one second");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
