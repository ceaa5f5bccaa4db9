using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;
using Npgsql;
using NpgsqlTypes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// Writes NOTE_NLP rows inside the caller's transaction: deletes the notes' earlier rows (of this model
/// version; with <see cref="NoteNlpVersions.Replace"/> also of the model's other versions), takes ids from
/// the work schema's sequence and inserts with binary COPY, in the id types the site's table has.
/// </summary>
internal static class PostgresNoteNlpWriter
{
    public static async Task<int> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NoteStoreOptions options, NoteNlpColumns columns,
        string nlpSystem, IReadOnlyList<AnnotatedDocument> docs, NoteNlpOptions? nlpOptions, CancellationToken ct)
    {
        nlpOptions ??= NoteNlpOptions.Default;
        var now = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);
        var rows = docs.SelectMany(d => NoteNlpMapper.Map(d, nlpSystem, now, nlpOptions)).ToArray();
        var system = NoteNlpMapper.System(nlpSystem);
        var replace = nlpOptions.Versions == NoteNlpVersions.Replace && NoteNlpMapper.ModelName(nlpSystem) is not null;
        await using (var del = new NpgsqlCommand(replace
            ? $"DELETE FROM {options.NoteNlp} WHERE note_id = ANY(@ids) AND (nlp_system = @sys OR left(nlp_system, length(@prefix)) = @prefix)"
            : $"DELETE FROM {options.NoteNlp} WHERE note_id = ANY(@ids) AND nlp_system = @sys", conn, tx))
        {
            del.Parameters.AddWithValue("sys", system);
            if (replace) del.Parameters.AddWithValue("prefix", NoteNlpMapper.ModelName(nlpSystem)! + " ");
            del.Parameters.AddWithValue("ids", docs.Select(d => OmopNoteId.For(d.Id)).Distinct().ToArray());
            await del.ExecuteNonQueryAsync(ct);
        }
        if (rows.Length == 0) return 0;
        var ids = new List<long>(rows.Length);
        await using (var seq = new NpgsqlCommand($"SELECT nextval('{options.Sequence}') FROM generate_series(1, @n)", conn, tx))
        {
            seq.Parameters.AddWithValue("n", rows.Length);
            await using var reader = await seq.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY {options.NoteNlp} (note_nlp_id, note_id, section_concept_id, snippet, \"offset\", lexical_variant, note_nlp_concept_id, note_nlp_source_concept_id, nlp_system, nlp_date, nlp_datetime, term_exists, term_temporal, term_modifiers) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            await copy.StartRowAsync(ct);
            await WriteId(copy, ids[i], columns.NoteNlpId, "note_nlp_id", ct);
            await WriteId(copy, OmopNoteId.For(r.NoteId), columns.NoteId, "note_id", ct);
            await copy.WriteAsync(r.SectionConceptId, NpgsqlDbType.Integer, ct);
            if (r.Snippet is null) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(r.Snippet, NpgsqlDbType.Varchar, ct);
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

    // Binary COPY sends exactly the declared width: an int8 into an int4 column is refused (22P03), so ids go in the column's own type.
    private static Task WriteId(NpgsqlBinaryImporter copy, long value, NpgsqlDbType type, string column, CancellationToken ct)
    {
        if (type == NpgsqlDbType.Bigint) return copy.WriteAsync(value, NpgsqlDbType.Bigint, ct);
        if (value is < int.MinValue or > int.MaxValue)
            throw new NoteStoreException($"{column} {value} does not fit the integer column of NOTE_NLP (a non-integer note id maps to a 63-bit number; use integer note ids or a bigint column)", transient: false);
        return copy.WriteAsync((int)value, NpgsqlDbType.Integer, ct);
    }
}
