using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Omop;
using Microsoft.Data.Sqlite;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// The embedded default store (the one adapter for Microsoft.Data.Sqlite): a <c>notes</c> table the worker
/// polls, a <c>note_status</c> table with the same states and leases as the PostgreSQL work table, and a
/// <c>note_nlp</c> table with the OMOP columns (note_id as text, so any note id works). Schema:
/// <code>
/// notes(note_id TEXT PRIMARY KEY, note_text TEXT, created_at TEXT)
/// note_status(note_id, nlp_system, state, attempts, leased_by, lease_until (unix seconds), last_error, updated_at)
/// note_nlp(note_nlp_id INTEGER PRIMARY KEY AUTOINCREMENT, note_id TEXT, ... OMOP NOTE_NLP columns ...)
/// </code>
/// Claims and completions run in BEGIN IMMEDIATE transactions, so several worker processes on one machine
/// can share a database file safely (WAL mode).
/// </summary>
public sealed class SqliteNoteStore
{
    private readonly string _connectionString;
    private readonly NoteStoreOptions _options;

    public SqliteNoteStore(string connectionString, NoteStoreOptions? options = null)
    {
        _options = options ?? NoteStoreOptions.Default;
        var b = new SqliteConnectionStringBuilder(connectionString.Contains('=') ? connectionString : $"Data Source={connectionString}")
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (b.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(b.DataSource))
        {
            // A folder that cannot be made shows up as SQLite error 14 (cannot open) at the first query, with the worker's coded event.
            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(b.DataSource));
                if (dir is not null) Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        _connectionString = b.ConnectionString;
        Location = $"sqlite {b.DataSource}";
    }

    public string Location { get; }

    public void EnsureSchema() => Run(() =>
    {
        using var conn = Open();
        Exec(conn, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS notes (
              note_id TEXT NOT NULL PRIMARY KEY,
              note_text TEXT NULL,
              created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
            CREATE TABLE IF NOT EXISTS note_status (
              note_id TEXT NOT NULL,
              nlp_system TEXT NOT NULL,
              state TEXT NOT NULL DEFAULT 'pending',
              attempts INTEGER NOT NULL DEFAULT 0,
              leased_by TEXT NULL,
              lease_until INTEGER NULL,
              last_error TEXT NULL,
              updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
              PRIMARY KEY (note_id, nlp_system));
            CREATE TABLE IF NOT EXISTS note_nlp (
              note_nlp_id INTEGER PRIMARY KEY AUTOINCREMENT,
              note_id TEXT NOT NULL,
              section_concept_id INTEGER NULL,
              snippet TEXT NULL,
              "offset" TEXT NULL,
              lexical_variant TEXT NOT NULL,
              note_nlp_concept_id INTEGER NULL,
              note_nlp_source_concept_id INTEGER NULL,
              nlp_system TEXT NULL,
              nlp_date TEXT NOT NULL,
              nlp_datetime TEXT NULL,
              term_exists TEXT NULL,
              term_temporal TEXT NULL,
              term_modifiers TEXT NULL);
            CREATE INDEX IF NOT EXISTS note_nlp_note ON note_nlp (note_id, nlp_system);
            """);
        return 0;
    });

    public int AddNotes(IEnumerable<(string NoteId, string? Text)> notes)
    {
        using var conn = Open();
        using var tx = conn.BeginTransaction();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO notes (note_id, note_text) VALUES ($id, $text) ON CONFLICT (note_id) DO UPDATE SET note_text = excluded.note_text";
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        var text = cmd.Parameters.Add("$text", SqliteType.Text);
        var n = 0;
        foreach (var (noteId, noteText) in notes)
        {
            id.Value = noteId;
            text.Value = (object?)noteText ?? DBNull.Value;
            cmd.ExecuteNonQuery();
            n++;
        }
        tx.Commit();
        return n;
    }

    /// <summary>Leases up to <paramref name="max"/> open notes (never labeled by this model, pending, or with an expired lease); parks notes claimed MaxAttempts times.</summary>
    public IReadOnlyList<ClaimedNote> Claim(string nlpSystem, string workerId, int max) => Run(() =>
    {
        using var conn = Open();
        using var tx = conn.BeginTransaction(deferred: false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var candidates = new List<(string Id, int Attempts, string? LastError)>();
        using (var cmd = Command(conn, tx, """
            SELECT n.note_id, COALESCE(s.attempts, 0), s.last_error FROM notes n
            LEFT JOIN note_status s ON s.note_id = n.note_id AND s.nlp_system = $sys
            WHERE s.state IS NULL OR s.state = 'pending' OR (s.state = 'leased' AND s.lease_until < $now)
            ORDER BY n.rowid LIMIT $n
            """, ("$sys", nlpSystem), ("$now", now), ("$n", max)))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) candidates.Add((reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));

        var claimed = new List<ClaimedNote>();
        foreach (var (id, attempts, lastError) in candidates)
        {
            if (attempts >= _options.MaxAttempts)
            {
                var reason = $"{ErrorCodes.NoteParked} claimed {attempts} times without being finished (a worker died, was stopped or timed out on it each time)" + (lastError is null ? "" : $"; last error: {lastError}");
                Upsert(conn, tx, id, nlpSystem, WorkState.Parked, attempts, null, null, reason);
                continue;
            }
            Upsert(conn, tx, id, nlpSystem, WorkState.Leased, attempts + 1, workerId, now + (long)_options.LeaseDuration.TotalSeconds, lastError);
            string? text = null;
            long? length = null;
            using (var cmd = Command(conn, tx, "SELECT CASE WHEN length(note_text) > $maxc THEN NULL ELSE note_text END, length(note_text) FROM notes WHERE note_id = $id", ("$maxc", _options.MaxNoteChars), ("$id", id)))
            using (var reader = cmd.ExecuteReader())
            {
                if (reader.Read())
                {
                    text = reader.IsDBNull(0) ? null : reader.GetString(0);
                    length = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                }
            }
            NoteInput input;
            if (text is null && length is { } len)
                input = NoteInput.Bad(new NoteProblem(id, Location, null, ErrorCodes.InputTooLarge, $"the note has {len:N0} characters, over the limit of {_options.MaxNoteChars:N0}"));
            else
            {
                var bad = NoteText.Check(text, _options.MaxNoteChars, out var why);
                input = bad is null
                    ? NoteInput.Ok(new Document(id, text!, new Dictionary<string, string> { ["source"] = "notes" }))
                    : NoteInput.Bad(new NoteProblem(id, Location, null, bad, why));
            }
            claimed.Add(new ClaimedNote(id, input, attempts + 1));
        }
        tx.Commit();
        return (IReadOnlyList<ClaimedNote>)claimed;
    });

    /// <summary>Writes NOTE_NLP rows (when <paramref name="writeRows"/>) and marks done the notes still leased to <paramref name="workerId"/>, in one transaction.</summary>
    public int Complete(string nlpSystem, string workerId, IReadOnlyList<AnnotatedDocument> labeled, bool writeRows, NoteNlpOptions? nlpOptions) => Run(() =>
    {
        if (labeled.Count == 0) return 0;
        using var conn = Open();
        using var tx = conn.BeginTransaction(deferred: false);
        var mine = new List<AnnotatedDocument>();
        foreach (var doc in labeled)
        {
            using var cmd = Command(conn, tx, "SELECT 1 FROM note_status WHERE note_id = $id AND nlp_system = $sys AND state = 'leased' AND leased_by = $me", ("$id", doc.Id), ("$sys", nlpSystem), ("$me", workerId));
            if (cmd.ExecuteScalar() is not null) mine.Add(doc);
        }
        if (writeRows) WriteRows(conn, tx, nlpSystem, mine, nlpOptions);
        foreach (var doc in mine)
        {
            using var cmd = Command(conn, tx, "UPDATE note_status SET state = 'done', leased_by = NULL, lease_until = NULL, last_error = NULL, updated_at = CURRENT_TIMESTAMP WHERE note_id = $id AND nlp_system = $sys", ("$id", doc.Id), ("$sys", nlpSystem));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return mine.Count;
    });

    /// <summary>Writes NOTE_NLP rows for notes from another source: each note's rows of this nlp_system are replaced, in one transaction.</summary>
    public int WriteNoteNlp(string nlpSystem, IReadOnlyList<AnnotatedDocument> labeled, NoteNlpOptions? nlpOptions) => Run(() =>
    {
        using var conn = Open();
        using var tx = conn.BeginTransaction(deferred: false);
        var rows = WriteRows(conn, tx, nlpSystem, labeled, nlpOptions);
        tx.Commit();
        return rows;
    });

    private static int WriteRows(SqliteConnection conn, SqliteTransaction tx, string nlpSystem, IReadOnlyList<AnnotatedDocument> docs, NoteNlpOptions? nlpOptions)
    {
        var now = DateTime.UtcNow;
        var system = NoteNlpMapper.System(nlpSystem);
        var prefix = (nlpOptions ?? NoteNlpOptions.Default).Versions == NoteNlpVersions.Replace ? NoteNlpMapper.ModelName(nlpSystem) + " " : null;
        var n = 0;
        using var insert = Command(conn, tx, """
            INSERT INTO note_nlp (note_id, section_concept_id, snippet, "offset", lexical_variant, note_nlp_concept_id, note_nlp_source_concept_id, nlp_system, nlp_date, nlp_datetime, term_exists, term_temporal, term_modifiers)
            VALUES ($note, $section, $snippet, $offset, $lex, $concept, $source, $sys, $date, $datetime, $exists, $temporal, $modifiers)
            """);
        foreach (var doc in docs)
        {
            using (var del = prefix is null
                ? Command(conn, tx, "DELETE FROM note_nlp WHERE note_id = $id AND nlp_system = $sys", ("$id", doc.Id), ("$sys", system))
                : Command(conn, tx, "DELETE FROM note_nlp WHERE note_id = $id AND (nlp_system = $sys OR substr(nlp_system, 1, length($prefix)) = $prefix)", ("$id", doc.Id), ("$sys", system), ("$prefix", prefix)))
                del.ExecuteNonQuery();
            foreach (var r in NoteNlpMapper.Map(doc, nlpSystem, now, nlpOptions))
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$note", r.NoteId);
                insert.Parameters.AddWithValue("$section", r.SectionConceptId);
                insert.Parameters.AddWithValue("$snippet", (object?)r.Snippet ?? DBNull.Value);
                insert.Parameters.AddWithValue("$offset", r.Offset);
                insert.Parameters.AddWithValue("$lex", r.LexicalVariant);
                insert.Parameters.AddWithValue("$concept", r.NoteNlpConceptId);
                insert.Parameters.AddWithValue("$source", r.NoteNlpSourceConceptId);
                insert.Parameters.AddWithValue("$sys", r.NlpSystem);
                insert.Parameters.AddWithValue("$date", r.NlpDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$datetime", r.NlpDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$exists", r.TermExists);
                insert.Parameters.AddWithValue("$temporal", r.TermTemporal);
                insert.Parameters.AddWithValue("$modifiers", r.TermModifiers);
                insert.ExecuteNonQuery();
                n++;
            }
        }
        return n;
    }

    /// <summary>Parks bad input at once; sends retryable failures back to pending until MaxAttempts claims.</summary>
    public int Fail(string nlpSystem, string workerId, IReadOnlyList<NoteFailure> failures) => Run(() =>
    {
        if (failures.Count == 0) return 0;
        using var conn = Open();
        using var tx = conn.BeginTransaction(deferred: false);
        var n = 0;
        foreach (var f in failures)
        {
            using var cmd = Command(conn, tx, """
                UPDATE note_status SET state = CASE WHEN $retry AND attempts < $max THEN 'pending' ELSE 'parked' END,
                  leased_by = NULL, lease_until = NULL, updated_at = CURRENT_TIMESTAMP,
                  last_error = CASE WHEN $retry AND attempts >= $max THEN $parked || attempts || ' times; last error: ' || $error ELSE $error END
                WHERE note_id = $id AND nlp_system = $sys AND state = 'leased' AND leased_by = $me
                """, ("$retry", f.Retry), ("$max", _options.MaxAttempts), ("$parked", $"{ErrorCodes.NoteParked} failed "), ("$error", $"{f.Code} {f.Reason}"), ("$id", f.NoteId), ("$sys", nlpSystem), ("$me", workerId));
            n += cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return n;
    });

    public int Release(string nlpSystem, string workerId) => Run(() =>
    {
        using var conn = Open();
        using var cmd = Command(conn, null, "UPDATE note_status SET state = 'pending', leased_by = NULL, lease_until = NULL, attempts = MAX(attempts - 1, 0), updated_at = CURRENT_TIMESTAMP WHERE nlp_system = $sys AND leased_by = $me AND state = 'leased'", ("$sys", nlpSystem), ("$me", workerId));
        return cmd.ExecuteNonQuery();
    });

    public WorkCounts Count(string nlpSystem) => Run(() =>
    {
        using var conn = Open();
        using var cmd = Command(conn, null, """
            SELECT
              COALESCE(SUM(s.state = 'pending'), 0), COALESCE(SUM(s.state = 'leased'), 0), COALESCE(SUM(s.state = 'done'), 0),
              COALESCE(SUM(s.state = 'parked'), 0), COALESCE(SUM(s.state IS NULL), 0)
            FROM notes n LEFT JOIN note_status s ON s.note_id = n.note_id AND s.nlp_system = $sys
            """, ("$sys", nlpSystem));
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return new WorkCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    });

    /// <summary>Counts per state and the lease holders of one model version.</summary>
    public QueueStatus Status(string nlpSystem) => Run(() =>
    {
        var counts = Count(nlpSystem);
        using var conn = Open();
        using var cmd = Command(conn, null, """
            SELECT leased_by, count(*), (julianday('now') - julianday(min(updated_at))) * 86400.0, SUM(lease_until < $now)
            FROM note_status WHERE nlp_system = $sys AND state = 'leased' GROUP BY leased_by ORDER BY leased_by
            """, ("$sys", nlpSystem), ("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        using var reader = cmd.ExecuteReader();
        var holders = new List<LeaseHolder>();
        while (reader.Read())
            holders.Add(new LeaseHolder(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1), TimeSpan.FromSeconds(reader.IsDBNull(2) ? 0 : reader.GetDouble(2)), reader.GetInt64(3)));
        return new QueueStatus(nlpSystem, counts, holders);
    });

    private SqliteConnection Open()
    {
        var conn = new SqliteConnection(_connectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout = 30000;";
        cmd.ExecuteNonQuery();
        return conn;
    }

    private static void Upsert(SqliteConnection conn, SqliteTransaction tx, string id, string sys, string state, int attempts, string? leasedBy, long? leaseUntil, string? lastError)
    {
        using var cmd = Command(conn, tx, """
            INSERT INTO note_status (note_id, nlp_system, state, attempts, leased_by, lease_until, last_error, updated_at)
            VALUES ($id, $sys, $state, $attempts, $by, $until, $error, CURRENT_TIMESTAMP)
            ON CONFLICT (note_id, nlp_system) DO UPDATE SET state = excluded.state, attempts = excluded.attempts,
              leased_by = excluded.leased_by, lease_until = excluded.lease_until, last_error = excluded.last_error, updated_at = excluded.updated_at
            """, ("$id", id), ("$sys", sys), ("$state", state), ("$attempts", attempts), ("$by", leasedBy), ("$until", leaseUntil), ("$error", lastError));
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection conn, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static void Exec(SqliteConnection conn, SqliteTransaction? tx, string sql)
    {
        using var cmd = Command(conn, tx, sql);
        cmd.ExecuteNonQuery();
    }

    private T Run<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException ex)
        {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process holds the file; try again later.
            throw new NoteStoreException($"SQLite error {ex.SqliteErrorCode}: {ex.Message}", ex.SqliteErrorCode is 5 or 6, Location, ex);
        }
    }
}
