namespace Asclepius.TextMining.Worker.Options;

/// <summary>Where the worker takes notes from.</summary>
public enum SourceKind
{
    /// <summary>The embedded default: a notes table in a SQLite file.</summary>
    Sqlite,

    /// <summary>An OMOP NOTE table, shared by many workers through leases.</summary>
    Postgres,

    /// <summary>A watched folder: files dropped in inbox/ move to done/ or failed/.</summary>
    Folder,
}
