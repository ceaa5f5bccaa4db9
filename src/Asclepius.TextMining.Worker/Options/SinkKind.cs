namespace Asclepius.TextMining.Worker.Options;

/// <summary>Where the worker writes labels.</summary>
public enum SinkKind
{
    /// <summary>Beside the notes: SQLite note_nlp for a SQLite source, NOTE_NLP for PostgreSQL, JSONL for a folder.</summary>
    Auto,
    Jsonl,
    Sqlite,
    Postgres,
}
