using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Omop;
using Npgsql;
using NpgsqlTypes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// What the PostgreSQL store needs to exist, as embedded SQL files (Storage/Sql): the CDM 5.4 NOTE and
/// NOTE_NLP (created only when missing), the worker's work schema (work table, index, note_nlp_id sequence)
/// and the GRANTs of a least-privilege role. At start it checks what exists, creates only what is missing
/// (and only with <see cref="NoteStoreOptions.CreateSchema"/>), and reads the id column types of the
/// site's NOTE_NLP (integer in the CDM 5.4 DDL, bigint in some sites), so rows are written in those types.
/// Existing CDM tables are never altered: no column, index or default is added to them.
/// </summary>
public static partial class PostgresOmopSchema
{
    private const long SchemaLockKey = 0x4153_434C_5057; // pg_advisory_xact_lock key: one schema creator at a time

    /// <summary>The DDL of the worker's own state (schema, work table, index, sequence).</summary>
    public static string WorkDdl(NoteStoreOptions options) => Render("work-schema.sql", options);

    /// <summary>The CDM 5.4 DDL of NOTE and NOTE_NLP (for a database that has no CDM yet).</summary>
    public static string CdmDdl(NoteStoreOptions options) => Render("cdm-note.sql", options) + Render("cdm-note-nlp.sql", options);

    /// <summary>The GRANTs that let <paramref name="role"/> run the worker, and nothing more.</summary>
    public static string Grants(NoteStoreOptions options, string role)
    {
        if (!Name().IsMatch(role)) throw new TextMiningException(ErrorCodes.StoreUnavailable, $"role '{role}' is not a plain role name (letters, digits, '_')");
        return Render("grants.sql", options).Replace("{role}", role, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a DBA runs once (what `asclepius omop init` prints): optionally the CDM 5.4 NOTE and NOTE_NLP, then
    /// the work schema with its sequence started above max(note_nlp_id), then the GRANTs for <paramref name="role"/>.
    /// </summary>
    public static string InitScript(NoteStoreOptions options, string role, bool createCdmTables) =>
        (createCdmTables ? CdmDdl(options) + "\n" : "") + WorkDdl(options) + "\n" + Grants(options, role);

    /// <summary>Runs <see cref="InitScript"/> in one transaction (as a role allowed to create and grant).</summary>
    public static Task ApplyAsync(string connectionString, NoteStoreOptions options, string role, bool createCdmTables, CancellationToken cancellationToken)
    {
        var normalized = PostgresConnectionString.Normalize(connectionString);
        var script = InitScript(options, role, createCdmTables);
        return PostgresErrors.Run(PostgresConnectionString.Describe(normalized), async () =>
        {
            await using var conn = new NpgsqlConnection(normalized);
            await conn.OpenAsync(cancellationToken);
            await using var tx = await conn.BeginTransactionAsync(cancellationToken);
            await Exec(conn, tx, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken);
            await Exec(conn, tx, script, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return 0;
        });
    }

    /// <summary>The schema of the CDM tables: CdmSchema, else the schema NoteTable names, else public.</summary>
    public static string CdmSchemaOf(NoteStoreOptions options) =>
        options.CdmSchema.Length > 0 ? options.CdmSchema : options.Note.Contains('.') ? options.Note[..options.Note.IndexOf('.')] : "public";

    /// <summary>
    /// Creates what is missing (when allowed), then reads NOTE_NLP's id types and moves the sequence above
    /// max(note_nlp_id). A missing object without CreateSchema, or a NOTE_NLP without the CDM columns, is a
    /// configuration error (not transient).
    /// </summary>
    internal static async Task<NoteNlpColumns> EnsureAsync(NpgsqlDataSource source, NoteStoreOptions options, CancellationToken ct)
    {
        await using var conn = await source.OpenConnectionAsync(ct);
        var missing = await MissingAsync(conn, null, options, ct);
        if (missing.Count > 0)
        {
            if (!options.CreateSchema)
                throw new NoteStoreException($"missing {string.Join(", ", missing)} (Source:CreateSchema is off): have a DBA run the DDL `asclepius omop init` prints (docs/OMOP.md)", transient: false);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await Exec(conn, tx, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", ct);
            missing = await MissingAsync(conn, tx, options, ct); // another worker may have created them meanwhile
            if (missing.Contains(options.Note)) await Exec(conn, tx, Render("cdm-note.sql", options), ct);
            if (missing.Contains(options.NoteNlp)) await Exec(conn, tx, Render("cdm-note-nlp.sql", options), ct);
            if (missing.Contains(options.Work) || missing.Contains(options.Sequence)) await Exec(conn, tx, WorkDdl(options), ct);
            await tx.CommitAsync(ct);
        }
        var columns = await DetectAsync(conn, options, ct);
        await CatchUpSequenceAsync(conn, options, ct);
        return columns;
    }

    /// <summary>Moves the note_nlp_id sequence above the largest note_nlp_id in NOTE_NLP (rows another writer added).</summary>
    internal static async Task CatchUpSequenceAsync(NpgsqlConnection conn, NoteStoreOptions options, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT m, CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - 1 END
            FROM (SELECT COALESCE(max(note_nlp_id), 0)::bigint AS m FROM {options.NoteNlp}) x, {options.Sequence} s
            """, conn);
        long max, issued;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            max = reader.GetInt64(0);
            issued = reader.GetInt64(1);
        }
        if (max > issued) await Exec(conn, null, $"SELECT setval('{options.Sequence}', {max}, true)", ct);
    }

    private static async Task<List<string>> MissingAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, NoteStoreOptions options, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var name in new[] { options.Note, options.NoteNlp, options.Work, options.Sequence })
        {
            await using var cmd = new NpgsqlCommand("SELECT to_regclass(@name) IS NULL", conn, tx);
            cmd.Parameters.AddWithValue("name", name);
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) missing.Add(name);
        }
        return missing;
    }

    private static async Task<NoteNlpColumns> DetectAsync(NpgsqlConnection conn, NoteStoreOptions options, CancellationToken ct)
    {
        var note = new Dictionary<string, string>(StringComparer.Ordinal);
        var nlp = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("""
            SELECT a.attrelid = to_regclass(@note), a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a WHERE a.attrelid IN (to_regclass(@note), to_regclass(@nlp)) AND a.attnum > 0 AND NOT a.attisdropped
            """, conn))
        {
            cmd.Parameters.AddWithValue("note", options.Note);
            cmd.Parameters.AddWithValue("nlp", options.NoteNlp);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) (reader.GetBoolean(0) ? note : nlp)[reader.GetString(1)] = reader.GetString(2);
        }
        var absent = new[] { "note_id", "note_text" }.Where(c => !note.ContainsKey(c)).Select(c => $"{options.Note}.{c}")
            .Concat(NoteNlpRow.Columns.Where(c => !nlp.ContainsKey(c)).Select(c => $"{options.NoteNlp}.{c}")).ToArray();
        if (absent.Length > 0)
            throw new NoteStoreException($"the CDM 5.4 column(s) {string.Join(", ", absent)} are missing", transient: false);
        return new NoteNlpColumns(
            IdType(options.NoteNlp + ".note_nlp_id", nlp["note_nlp_id"]),
            IdType(options.NoteNlp + ".note_id", nlp["note_id"]));
    }

    private static NpgsqlDbType IdType(string column, string type) => type switch
    {
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        _ => throw new NoteStoreException($"{column} is {type}; the CDM has integer (bigint also works)", transient: false),
    };

    private static string Render(string file, NoteStoreOptions options)
    {
        options.Validate();
        using var stream = typeof(PostgresOmopSchema).Assembly.GetManifestResourceStream($"Asclepius.Storage.{file}")
            ?? throw new InvalidOperationException($"embedded {file} missing from the build");
        return new StreamReader(stream).ReadToEnd()
            .Replace("{note_nlp_bare}", Bare(options.NoteNlp), StringComparison.Ordinal)
            .Replace("{note_bare}", Bare(options.Note), StringComparison.Ordinal)
            .Replace("{note_nlp}", options.NoteNlp, StringComparison.Ordinal)
            .Replace("{note}", options.Note, StringComparison.Ordinal)
            .Replace("{work}", options.WorkSchema, StringComparison.Ordinal)
            .Replace("{cdm}", CdmSchemaOf(options), StringComparison.Ordinal);
    }

    private static string Bare(string table) => table.Contains('.') ? table[(table.LastIndexOf('.') + 1)..] : table;

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
