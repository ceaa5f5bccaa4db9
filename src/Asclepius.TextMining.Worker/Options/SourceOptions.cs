using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Worker.Options;

/// <summary>Section "Source": where notes come from and the rules for claiming them.</summary>
public sealed class SourceOptions
{
    public const string Section = "Source";

    public SourceKind Kind { get; set; } = SourceKind.Sqlite;

    /// <summary>SQLite: a file path or "Data Source=..."; PostgreSQL: "Host=...;Database=..." or postgres://user@host:port/db.</summary>
    public string ConnectionString { get; set; } = "Data Source=asclepius-worker.db";

    /// <summary>Folder source: the root holding inbox/, processing/, done/ and failed/.</summary>
    public string Folder { get; set; } = "notes";

    /// <summary>Folder source: CSV column / JSON field with the id and the text of each note.</summary>
    public string? IdColumn { get; set; }
    public string? TextColumn { get; set; }

    /// <summary>Notes claimed at once.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Wait between polls when there is nothing to label.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim holds a note; a dead worker's notes are taken by others after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A note claimed this many times without being finished is parked with its reason.</summary>
    public int MaxAttempts { get; set; } = 3;

    public int MaxNoteChars { get; set; } = NoteText.DefaultMaxChars;

    /// <summary>Create what is missing at start (never alters existing tables; needs the privilege to create).</summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>OMOP table names (may be schema-qualified, e.g. "cdm.note").</summary>
    public string NoteTable { get; set; } = "note";
    public string NoteNlpTable { get; set; } = "note_nlp";

    /// <summary>PostgreSQL: schema of NOTE and NOTE_NLP when their names are not qualified; empty means the search path.</summary>
    public string CdmSchema { get; set; } = "";

    /// <summary>PostgreSQL: the worker's own schema (work table, note_nlp_id sequence).</summary>
    public string WorkSchema { get; set; } = "asclepius";
}
