using System.Globalization;
using System.Net.Sockets;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Omop;
using Npgsql;
using NpgsqlTypes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// The OMOP CDM on PostgreSQL as a work queue shared by many workers on many machines (the one adapter
/// for Npgsql). Notes come from NOTE; labels go to NOTE_NLP; a work table holds one row per
/// (note_id, nlp_system) with its state:
/// <code>
/// pending ──claim (FOR UPDATE SKIP LOCKED)──▶ leased ──complete (one transaction with the NOTE_NLP rows)──▶ done
///    ▲                                          │ lease expired (worker died) → claimable again
///    └──────── release (graceful stop) ◀────────┤ failure: back to pending, or parked after MaxAttempts claims
///                                               └ bad input (empty, binary, too large) → parked at once
/// </code>
/// Exactly once per (note, model version): completion locks the work rows first and writes only the notes
/// still leased to the caller, deleting that note's earlier rows of the same nlp_system before inserting.
/// A worker whose lease was taken over therefore writes nothing for that note.
/// </summary>
public sealed class PostgresNoteStore : IAsyncDisposable
{
    private const long SchemaLockKey = 0x4153_434C_5057; // pg_advisory_xact_lock key: one schema creator at a time
    private readonly NpgsqlDataSource _source;
    private readonly NoteStoreOptions _options;
    private readonly string _note;
    private readonly string _nlp;
    private readonly string _work;
    private readonly string _sequence;
    private readonly Dictionary<string, (long HighWater, DateTime NextRescan)> _scans = new(StringComparer.Ordinal);

    public PostgresNoteStore(string connectionString, NoteStoreOptions? options = null)
    {
        _options = options ?? NoteStoreOptions.Default;
        _options.Validate();
        var normalized = PostgresConnectionString.Normalize(connectionString);
        Location = PostgresConnectionString.Describe(normalized);
        _source = NpgsqlDataSource.Create(normalized);
        _note = _options.NoteTable;
        _nlp = _options.NoteNlpTable;
        _work = _options.WorkTable;
        var dot = _work.LastIndexOf('.');
        _sequence = dot < 0 ? $"{_work}_nlp_id_seq" : $"{_work[..dot]}.{_work[(dot + 1)..]}_nlp_id_seq";
    }

    /// <summary>Host, port and database, for messages and logs.</summary>
    public string Location { get; }

    public NoteStoreOptions Options => _options;

    /// <summary>
    /// Creates what is missing: NOTE and NOTE_NLP with the CDM 5.4 columns (an existing CDM keeps its own),
    /// the work table, its index, and the note_nlp_id sequence (started above the largest id present).
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Run(async () =>
    {
        if (!_options.CreateSchema) return 0;
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await Exec(conn, tx, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken);
        await Exec(conn, tx, $"""
            CREATE TABLE IF NOT EXISTS {_note} (
              note_id bigint NOT NULL PRIMARY KEY,
              person_id bigint NOT NULL DEFAULT 0,
              note_date date NOT NULL DEFAULT CURRENT_DATE,
              note_datetime timestamp NULL,
              note_type_concept_id integer NOT NULL DEFAULT 0,
              note_class_concept_id integer NOT NULL DEFAULT 0,
              note_title varchar(250) NULL,
              note_text text NULL,
              encoding_concept_id integer NOT NULL DEFAULT 0,
              language_concept_id integer NOT NULL DEFAULT 0,
              provider_id integer NULL,
              visit_occurrence_id integer NULL,
              visit_detail_id integer NULL,
              note_source_value varchar(50) NULL,
              note_event_id bigint NULL,
              note_event_field_concept_id integer NULL);
            CREATE TABLE IF NOT EXISTS {_nlp} (
              note_nlp_id bigint NOT NULL PRIMARY KEY,
              note_id bigint NOT NULL,
              section_concept_id integer NULL,
              snippet varchar(250) NULL,
              "offset" varchar(50) NULL,
              lexical_variant varchar(250) NOT NULL,
              note_nlp_concept_id integer NULL,
              note_nlp_source_concept_id integer NULL,
              nlp_system varchar(250) NULL,
              nlp_date date NOT NULL,
              nlp_datetime timestamp NULL,
              term_exists varchar(1) NULL,
              term_temporal varchar(50) NULL,
              term_modifiers varchar(2000) NULL);
            CREATE TABLE IF NOT EXISTS {_work} (
              note_id bigint NOT NULL,
              nlp_system varchar(250) NOT NULL,
              state varchar(10) NOT NULL DEFAULT 'pending',
              attempts integer NOT NULL DEFAULT 0,
              leased_by varchar(200) NULL,
              lease_until timestamptz NULL,
              last_error text NULL,
              updated_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (note_id, nlp_system));
            CREATE INDEX IF NOT EXISTS {Bare(_work)}_open ON {_work} (nlp_system, note_id) WHERE state IN ('pending', 'leased');
            CREATE INDEX IF NOT EXISTS {Bare(_work)}_note_nlp_note ON {_nlp} (note_id);
            """, cancellationToken);
        var exists = await Scalar<bool>(conn, tx, "SELECT to_regclass(@name) IS NOT NULL", cancellationToken, ("name", _sequence));
        if (!exists)
        {
            await Exec(conn, tx, $"CREATE SEQUENCE {_sequence}", cancellationToken);
            await Exec(conn, tx, $"SELECT setval('{_sequence}', GREATEST((SELECT COALESCE(max(note_nlp_id), 0) FROM {_nlp}), 0) + 1, false)", cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return 0;
    });

    /// <summary>
    /// Lists notes of NOTE that the work table does not hold yet for this model version, in chunks in
    /// note_id order from where the last call stopped (a full rescan every 10 minutes catches notes inserted
    /// with lower ids). Returns how many were added.
    /// </summary>
    public Task<int> EnqueueAsync(string nlpSystem, CancellationToken cancellationToken) => Run(async () =>
    {
        long highWater;
        lock (_scans)
        {
            var scan = _scans.TryGetValue(nlpSystem, out var known) ? known : (HighWater: long.MinValue, NextRescan: DateTime.MinValue);
            if (DateTime.UtcNow >= scan.NextRescan) scan = (long.MinValue, DateTime.UtcNow.AddMinutes(10));
            highWater = scan.HighWater;
            _scans[nlpSystem] = scan;
        }
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        var added = 0;
        while (true)
        {
            await using var cmd = new NpgsqlCommand($"""
                WITH c AS (SELECT note_id FROM {_note} WHERE note_id > @hw ORDER BY note_id LIMIT @n),
                     ins AS (INSERT INTO {_work} (note_id, nlp_system) SELECT note_id, @sys FROM c ON CONFLICT DO NOTHING RETURNING 1)
                SELECT (SELECT max(note_id) FROM c), (SELECT count(*) FROM ins)
                """, conn);
            cmd.Parameters.AddWithValue("hw", highWater);
            cmd.Parameters.AddWithValue("n", _options.EnqueueChunk);
            cmd.Parameters.AddWithValue("sys", nlpSystem);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.IsDBNull(0)) break;
            highWater = reader.GetInt64(0);
            added += (int)reader.GetInt64(1);
        }
        lock (_scans) _scans[nlpSystem] = (highWater, _scans[nlpSystem].NextRescan);
        return added;
    });

    /// <summary>
    /// Leases up to <paramref name="max"/> open notes (pending, or leased with an expired lease) to
    /// <paramref name="workerId"/>, skipping rows other workers hold locked. Notes already claimed
    /// MaxAttempts times are parked instead. Returns the leased notes with their text, or the problem that
    /// keeps a note from being labeled (those should be passed to <see cref="FailAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<ClaimedNote>> ClaimAsync(string nlpSystem, string workerId, int max, CancellationToken cancellationToken) => Run<IReadOnlyList<ClaimedNote>>(async () =>
    {
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var leased = new List<(long Id, int Attempts)>();
        await using (var cmd = new NpgsqlCommand($"""
            WITH c AS (
              SELECT note_id FROM {_work}
              WHERE nlp_system = @sys AND (state = 'pending' OR (state = 'leased' AND lease_until < now()))
              ORDER BY note_id LIMIT @n FOR UPDATE SKIP LOCKED)
            UPDATE {_work} w SET
              state = CASE WHEN w.attempts >= @max THEN 'parked' ELSE 'leased' END,
              leased_by = CASE WHEN w.attempts >= @max THEN NULL ELSE @me END,
              lease_until = CASE WHEN w.attempts >= @max THEN NULL ELSE now() + @lease END,
              attempts = CASE WHEN w.attempts >= @max THEN w.attempts ELSE w.attempts + 1 END,
              last_error = CASE WHEN w.attempts >= @max
                THEN '{ErrorCodes.NoteParked} claimed ' || w.attempts || ' times without being finished (a worker died, was stopped or timed out on it each time)' || COALESCE('; last error: ' || w.last_error, '')
                ELSE w.last_error END,
              updated_at = now()
            FROM c WHERE w.note_id = c.note_id AND w.nlp_system = @sys
            RETURNING w.note_id, w.state, w.attempts
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("sys", nlpSystem);
            cmd.Parameters.AddWithValue("n", max);
            cmd.Parameters.AddWithValue("max", _options.MaxAttempts);
            cmd.Parameters.AddWithValue("me", workerId);
            cmd.Parameters.AddWithValue("lease", _options.LeaseDuration);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                if (reader.GetString(1) == WorkState.Leased) leased.Add((reader.GetInt64(0), reader.GetInt32(2)));
        }
        var notes = new List<ClaimedNote>(leased.Count);
        if (leased.Count > 0)
        {
            var texts = new Dictionary<long, (string? Text, long? Length)>();
            await using (var cmd = new NpgsqlCommand($"SELECT note_id, CASE WHEN length(note_text) > @maxc THEN NULL ELSE note_text END, length(note_text) FROM {_note} WHERE note_id = ANY(@ids)", conn, tx))
            {
                cmd.Parameters.AddWithValue("maxc", _options.MaxNoteChars);
                cmd.Parameters.AddWithValue("ids", leased.Select(l => l.Id).ToArray());
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    texts[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
            }
            foreach (var (id, attempts) in leased.OrderBy(l => l.Id))
            {
                var noteId = id.ToString(CultureInfo.InvariantCulture);
                NoteInput input;
                if (!texts.TryGetValue(id, out var t))
                    input = NoteInput.Bad(new NoteProblem(noteId, Location, null, ErrorCodes.UnreadableInput, $"note {noteId} is no longer in {_note}"));
                else if (t.Text is null && t.Length is { } len)
                    input = NoteInput.Bad(new NoteProblem(noteId, Location, null, ErrorCodes.InputTooLarge, $"the note has {len:N0} characters, over the limit of {_options.MaxNoteChars:N0}"));
                else
                {
                    var bad = NoteText.Check(t.Text, _options.MaxNoteChars, out var why);
                    input = bad is null
                        ? NoteInput.Ok(new Document(noteId, t.Text!, new Dictionary<string, string> { ["source"] = _note }))
                        : NoteInput.Bad(new NoteProblem(noteId, Location, null, bad, why));
                }
                notes.Add(new ClaimedNote(noteId, input, attempts));
            }
        }
        await tx.CommitAsync(cancellationToken);
        return notes;
    });

    /// <summary>Extends the leases of notes still being labeled by <paramref name="workerId"/>.</summary>
    public Task<int> RenewAsync(string nlpSystem, string workerId, IReadOnlyCollection<string> noteIds, CancellationToken cancellationToken) => Run(async () =>
    {
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"UPDATE {_work} SET lease_until = now() + @lease, updated_at = now() WHERE nlp_system = @sys AND leased_by = @me AND state = 'leased' AND note_id = ANY(@ids)", conn);
        cmd.Parameters.AddWithValue("lease", _options.LeaseDuration);
        cmd.Parameters.AddWithValue("sys", nlpSystem);
        cmd.Parameters.AddWithValue("me", workerId);
        cmd.Parameters.AddWithValue("ids", noteIds.Select(OmopNoteId.For).ToArray());
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    });

    /// <summary>
    /// Writes the NOTE_NLP rows of labeled notes and marks them done, in one transaction, for the notes still
    /// leased to <paramref name="workerId"/> (others are skipped: their lease was taken over). With
    /// <paramref name="writeRows"/> false only the state changes (the labels went to another sink first).
    /// Returns the number of notes committed.
    /// </summary>
    public Task<int> CompleteAsync(string nlpSystem, string workerId, IReadOnlyList<AnnotatedDocument> labeled, bool writeRows, NoteNlpOptions? nlpOptions, CancellationToken cancellationToken) => Run(async () =>
    {
        if (labeled.Count == 0) return 0;
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var owned = new HashSet<long>();
        await using (var cmd = new NpgsqlCommand($"SELECT note_id FROM {_work} WHERE nlp_system = @sys AND note_id = ANY(@ids) AND state = 'leased' AND leased_by = @me ORDER BY note_id FOR UPDATE", conn, tx))
        {
            cmd.Parameters.AddWithValue("sys", nlpSystem);
            cmd.Parameters.AddWithValue("ids", labeled.Select(d => OmopNoteId.For(d.Id)).ToArray());
            cmd.Parameters.AddWithValue("me", workerId);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) owned.Add(reader.GetInt64(0));
        }
        if (owned.Count == 0) return 0;
        var mine = labeled.Where(d => owned.Contains(OmopNoteId.For(d.Id))).ToArray();
        if (writeRows) await WriteRows(conn, tx, nlpSystem, mine, nlpOptions, cancellationToken);
        await using (var cmd = new NpgsqlCommand($"UPDATE {_work} SET state = 'done', leased_by = NULL, lease_until = NULL, last_error = NULL, updated_at = now() WHERE nlp_system = @sys AND note_id = ANY(@ids)", conn, tx))
        {
            cmd.Parameters.AddWithValue("sys", nlpSystem);
            cmd.Parameters.AddWithValue("ids", owned.ToArray());
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return owned.Count;
    });

    /// <summary>Writes NOTE_NLP rows for notes that came from elsewhere (a folder, SQLite): replaces each note's rows of this nlp_system, in one transaction.</summary>
    public Task<int> WriteNoteNlpAsync(string nlpSystem, IReadOnlyList<AnnotatedDocument> labeled, NoteNlpOptions? nlpOptions, CancellationToken cancellationToken) => Run(async () =>
    {
        if (labeled.Count == 0) return 0;
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var rows = await WriteRows(conn, tx, nlpSystem, labeled, nlpOptions, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return rows;
    });

    private async Task<int> WriteRows(NpgsqlConnection conn, NpgsqlTransaction tx, string nlpSystem, IReadOnlyList<AnnotatedDocument> docs, NoteNlpOptions? nlpOptions, CancellationToken ct)
    {
        var now = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);
        var rows = docs.SelectMany(d => NoteNlpMapper.Map(d, nlpSystem, now, nlpOptions)).ToArray();
        await using (var del = new NpgsqlCommand($"DELETE FROM {_nlp} WHERE nlp_system = @sys AND note_id = ANY(@ids)", conn, tx))
        {
            del.Parameters.AddWithValue("sys", NoteNlpMapperSystem(nlpSystem));
            del.Parameters.AddWithValue("ids", docs.Select(d => OmopNoteId.For(d.Id)).Distinct().ToArray());
            await del.ExecuteNonQueryAsync(ct);
        }
        if (rows.Length == 0) return 0;
        var ids = new List<long>(rows.Length);
        await using (var seq = new NpgsqlCommand($"SELECT nextval('{_sequence}') FROM generate_series(1, @n)", conn, tx))
        {
            seq.Parameters.AddWithValue("n", rows.Length);
            await using var reader = await seq.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY {_nlp} (note_nlp_id, note_id, section_concept_id, snippet, \"offset\", lexical_variant, note_nlp_concept_id, note_nlp_source_concept_id, nlp_system, nlp_date, nlp_datetime, term_exists, term_temporal, term_modifiers) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(OmopNoteId.For(r.NoteId), NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(r.SectionConceptId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Snippet, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Offset, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.LexicalVariant, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.NoteNlpConceptId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.NoteNlpSourceConceptId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.NlpSystem, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.NlpDate, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(r.NlpDateTime, NpgsqlDbType.Timestamp, ct);
            await copy.WriteAsync(r.TermExists, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.TermTemporal, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.TermModifiers, NpgsqlDbType.Varchar, ct);
        }
        await copy.CompleteAsync(ct);
        return rows.Length;
    }

    private static string NoteNlpMapperSystem(string nlpSystem) => nlpSystem.Length <= NoteNlpMapper.NlpSystemMax ? nlpSystem : nlpSystem[..NoteNlpMapper.NlpSystemMax];

    /// <summary>
    /// Records notes that could not be labeled: parked at once (bad input), or back to pending to be tried
    /// again (parked once claimed MaxAttempts times). Only notes still leased to the caller change.
    /// </summary>
    public Task<int> FailAsync(string nlpSystem, string workerId, IReadOnlyList<NoteFailure> failures, CancellationToken cancellationToken) => Run(async () =>
    {
        if (failures.Count == 0) return 0;
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn);
        foreach (var f in failures)
        {
            var cmd = new NpgsqlBatchCommand($"""
                UPDATE {_work} SET
                  state = CASE WHEN @retry AND attempts < @max THEN 'pending' ELSE 'parked' END,
                  leased_by = NULL, lease_until = NULL, updated_at = now(),
                  last_error = CASE WHEN @retry AND attempts >= @max THEN '{ErrorCodes.NoteParked} failed ' || attempts || ' times; last error: ' || @error ELSE @error END
                WHERE nlp_system = @sys AND note_id = @id AND state = 'leased' AND leased_by = @me
                """);
            cmd.Parameters.AddWithValue("retry", f.Retry);
            cmd.Parameters.AddWithValue("max", _options.MaxAttempts);
            cmd.Parameters.AddWithValue("error", $"{f.Code} {f.Reason}");
            cmd.Parameters.AddWithValue("sys", nlpSystem);
            cmd.Parameters.AddWithValue("id", OmopNoteId.For(f.NoteId));
            cmd.Parameters.AddWithValue("me", workerId);
            batch.BatchCommands.Add(cmd);
        }
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    });

    /// <summary>Gives back every lease <paramref name="workerId"/> holds (graceful stop); the release does not count as an attempt.</summary>
    public Task<int> ReleaseAsync(string nlpSystem, string workerId, CancellationToken cancellationToken) => Run(async () =>
    {
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"UPDATE {_work} SET state = 'pending', leased_by = NULL, lease_until = NULL, attempts = GREATEST(attempts - 1, 0), updated_at = now() WHERE nlp_system = @sys AND leased_by = @me AND state = 'leased'", conn);
        cmd.Parameters.AddWithValue("sys", nlpSystem);
        cmd.Parameters.AddWithValue("me", workerId);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    });

    /// <summary>Notes per state for one model version, and notes of NOTE not yet in the work table.</summary>
    public Task<WorkCounts> CountAsync(string nlpSystem, CancellationToken cancellationToken) => Run(async () =>
    {
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"""
            SELECT
              count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'leased'),
              count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'parked'),
              (SELECT count(*) FROM {_note} n WHERE NOT EXISTS (SELECT 1 FROM {_work} x WHERE x.note_id = n.note_id AND x.nlp_system = @sys))
            FROM {_work} WHERE nlp_system = @sys
            """, conn);
        cmd.Parameters.AddWithValue("sys", nlpSystem);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new WorkCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    });

    /// <summary>Parked notes of a model version with their reasons (for reports).</summary>
    public Task<IReadOnlyList<(string NoteId, string Reason)>> ParkedAsync(string nlpSystem, CancellationToken cancellationToken) => Run<IReadOnlyList<(string, string)>>(async () =>
    {
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"SELECT note_id, COALESCE(last_error, '') FROM {_work} WHERE nlp_system = @sys AND state = 'parked' ORDER BY note_id", conn);
        cmd.Parameters.AddWithValue("sys", nlpSystem);
        var list = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) list.Add((reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1)));
        return list;
    });

    /// <summary>Adds notes to NOTE (for tests, demos and small imports); existing ids are replaced.</summary>
    public Task<int> AddNotesAsync(IEnumerable<(long NoteId, string? Text)> notes, CancellationToken cancellationToken) => Run(async () =>
    {
        await using var conn = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var n = 0;
        await Exec(conn, tx, "CREATE TEMP TABLE asclepius_import (note_id bigint, note_text text) ON COMMIT DROP", cancellationToken);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY asclepius_import (note_id, note_text) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, text) in notes)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                if (text is null) await copy.WriteNullAsync(cancellationToken);
                else await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                n++;
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await Exec(conn, tx, $"""
            INSERT INTO {_note} (note_id, note_text) SELECT note_id, note_text FROM asclepius_import
            ON CONFLICT (note_id) DO UPDATE SET note_text = EXCLUDED.note_text
            """, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return n;
    });

    private static string Bare(string table) => table.Contains('.') ? table[(table.LastIndexOf('.') + 1)..] : table;

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Turns driver failures into <see cref="NoteStoreException"/>: the one place Npgsql exceptions are interpreted.</summary>
    private async Task<T> Run<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (PostgresException ex)
        {
            // Class 08 (connection), 57P01-57P03 (shutdown, crash, starting up), 53 (resources), 40 (serialization, deadlock): try again later.
            var transient = ex.IsTransient || ex.SqlState.StartsWith("08", StringComparison.Ordinal) || ex.SqlState.StartsWith("57P", StringComparison.Ordinal)
                            || ex.SqlState.StartsWith("53", StringComparison.Ordinal) || ex.SqlState.StartsWith("40", StringComparison.Ordinal);
            throw new NoteStoreException($"PostgreSQL error {ex.SqlState}: {ex.MessageText}", transient, Location, ex);
        }
        catch (NpgsqlException ex)
        {
            throw new NoteStoreException($"cannot reach PostgreSQL: {ex.Message}", transient: true, Location, ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            throw new NoteStoreException($"cannot reach PostgreSQL: {ex.Message}", transient: true, Location, ex);
        }
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
