using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Omop;
using Npgsql;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// The OMOP CDM on PostgreSQL as a work queue shared by many workers on many machines (the one adapter
/// for Npgsql). Notes come from NOTE; labels go to NOTE_NLP (<see cref="PostgresNoteNlpWriter"/>); the work
/// table in the worker's own schema (<see cref="PostgresOmopSchema"/>) holds one row per (note_id, nlp_system)
/// with its state:
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
    private readonly NpgsqlDataSource _source;
    private readonly NoteStoreOptions _options;
    private readonly string _note;
    private readonly string _work;
    private NoteNlpColumns? _columns;
    private readonly Dictionary<string, (long HighWater, DateTime NextRescan)> _scans = new(StringComparer.Ordinal);

    public PostgresNoteStore(string connectionString, NoteStoreOptions? options = null)
    {
        _options = options ?? NoteStoreOptions.Default;
        _options.Validate();
        var normalized = PostgresConnectionString.Normalize(connectionString);
        Location = PostgresConnectionString.Describe(normalized);
        _source = NpgsqlDataSource.Create(normalized);
        _note = _options.Note;
        _work = _options.Work;
    }

    /// <summary>Host, port and database, for messages and logs.</summary>
    public string Location { get; }

    public NoteStoreOptions Options => _options;

    /// <summary>
    /// Checks the tables, creates what is missing (with CreateSchema: the work schema, and NOTE/NOTE_NLP as
    /// CDM 5.4 defines them), reads NOTE_NLP's id types and moves the id sequence above max(note_nlp_id).
    /// Existing CDM tables are never altered.
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Run(async () =>
    {
        _columns = await PostgresOmopSchema.EnsureAsync(_source, _options, cancellationToken);
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
              leased_at = CASE WHEN w.attempts >= @max THEN NULL ELSE now() END,
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
        await using (var cmd = new NpgsqlCommand($"UPDATE {_work} SET state = 'done', leased_by = NULL, leased_at = NULL, lease_until = NULL, last_error = NULL, updated_at = now() WHERE nlp_system = @sys AND note_id = ANY(@ids)", conn, tx))
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
        var columns = _columns ?? throw new InvalidOperationException("EnsureSchemaAsync must run before NOTE_NLP rows are written");
        try
        {
            return await PostgresNoteNlpWriter.WriteAsync(conn, tx, _options, columns, nlpSystem, docs, nlpOptions, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another writer put rows into NOTE_NLP with ids from elsewhere: move the sequence past them; the save is retried.
            await using var fresh = await _source.OpenConnectionAsync(ct);
            await PostgresOmopSchema.CatchUpSequenceAsync(fresh, _options, ct);
            throw new NoteStoreException($"note_nlp_id clash with rows written by another program (PostgreSQL {ex.SqlState}); the id sequence was moved above them", transient: true, Location, ex);
        }
    }

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
                  leased_by = NULL, leased_at = NULL, lease_until = NULL, updated_at = now(),
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
        await using var cmd = new NpgsqlCommand($"UPDATE {_work} SET state = 'pending', leased_by = NULL, leased_at = NULL, lease_until = NULL, attempts = GREATEST(attempts - 1, 0), updated_at = now() WHERE nlp_system = @sys AND leased_by = @me AND state = 'leased'", conn);
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

    /// <summary>
    /// Counts per state and lease holders (notes, age of the oldest lease, expired leases) for one model
    /// version, or for every version the work table knows when <paramref name="nlpSystem"/> is null.
    /// </summary>
    public Task<IReadOnlyList<QueueStatus>> StatusAsync(string? nlpSystem, CancellationToken cancellationToken) => Run<IReadOnlyList<QueueStatus>>(async () =>
    {
        var systems = new List<string>();
        if (nlpSystem is not null) systems.Add(nlpSystem);
        else
        {
            await using var conn = await _source.OpenConnectionAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand($"SELECT DISTINCT nlp_system FROM {_work} ORDER BY 1", conn);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) systems.Add(reader.GetString(0));
        }
        var list = new List<QueueStatus>();
        foreach (var system in systems)
        {
            var counts = await CountAsync(system, cancellationToken);
            var holders = new List<LeaseHolder>();
            await using var conn = await _source.OpenConnectionAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand($"""
                SELECT leased_by, count(*), EXTRACT(EPOCH FROM now() - min(leased_at))::float8, count(*) FILTER (WHERE lease_until < now())
                FROM {_work} WHERE nlp_system = @sys AND state = 'leased' GROUP BY leased_by ORDER BY leased_by
                """, conn);
            cmd.Parameters.AddWithValue("sys", system);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                holders.Add(new LeaseHolder(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1),
                    TimeSpan.FromSeconds(reader.IsDBNull(2) ? 0 : reader.GetDouble(2)), reader.GetInt64(3)));
            list.Add(new QueueStatus(system, counts, holders));
        }
        return list;
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

    private Task<T> Run<T>(Func<Task<T>> body) => PostgresErrors.Run(Location, body);

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
