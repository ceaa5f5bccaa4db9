using Npgsql;
using NpgsqlTypes;

namespace Asclepius.TextMining.TestKit.Omop;

/// <summary>
/// OMOP tables in a test database: the official CDM 5.4 NOTE and NOTE_NLP (integer ids, the CDM's NOT NULL
/// columns, no defaults; from <c>cdm54-note.sql</c>), and notes loaded into a NOTE table of either shape.
/// </summary>
public static class OmopTables
{
    /// <summary>The CDM 5.4 DDL of NOTE and NOTE_NLP (with the OHDSI primary keys and indices) for <paramref name="schema"/>.</summary>
    public static string Cdm54Ddl(string schema)
    {
        using var stream = typeof(OmopTables).Assembly.GetManifestResourceStream("cdm54-note.sql")!;
        return new StreamReader(stream).ReadToEnd().Replace("@cdm", schema);
    }

    /// <summary>Creates <paramref name="schema"/> (if needed) with the official NOTE and NOTE_NLP in the database of <paramref name="connectionString"/>.</summary>
    public static async Task CreateCdm54Async(string connectionString, string schema = "cdm")
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {schema};\n{Cdm54Ddl(schema)}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// NOTE and NOTE_NLP as earlier versions of the worker created them: bigint ids, nullable note_text, defaults
    /// the CDM does not have (sites that widened their ids look the same to the worker).
    /// </summary>
    public static async Task CreateLegacyAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            CREATE TABLE note (
              note_id bigint NOT NULL PRIMARY KEY, person_id bigint NOT NULL DEFAULT 0, note_date date NOT NULL DEFAULT CURRENT_DATE,
              note_datetime timestamp NULL, note_type_concept_id integer NOT NULL DEFAULT 0, note_class_concept_id integer NOT NULL DEFAULT 0,
              note_title varchar(250) NULL, note_text text NULL, encoding_concept_id integer NOT NULL DEFAULT 0, language_concept_id integer NOT NULL DEFAULT 0,
              provider_id integer NULL, visit_occurrence_id integer NULL, visit_detail_id integer NULL, note_source_value varchar(50) NULL,
              note_event_id bigint NULL, note_event_field_concept_id integer NULL);
            CREATE TABLE note_nlp (
              note_nlp_id bigint NOT NULL PRIMARY KEY, note_id bigint NOT NULL, section_concept_id integer NULL, snippet varchar(250) NULL,
              "offset" varchar(50) NULL, lexical_variant varchar(250) NOT NULL, note_nlp_concept_id integer NULL, note_nlp_source_concept_id integer NULL,
              nlp_system varchar(250) NULL, nlp_date date NOT NULL, nlp_datetime timestamp NULL, term_exists varchar(1) NULL,
              term_temporal varchar(50) NULL, term_modifiers varchar(2000) NULL);
            """, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Inserts notes into <paramref name="noteTable"/>, filling the CDM's required columns (person 0, today,
    /// concept ids 0); existing ids are replaced. A null text is inserted as NULL (only a table that allows it takes it).
    /// </summary>
    public static async Task<int> AddNotesAsync(string connectionString, IEnumerable<(long NoteId, string? Text)> notes, string noteTable = "note")
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var tmp = new NpgsqlCommand("CREATE TEMP TABLE test_import (note_id bigint, note_text text) ON COMMIT DROP", conn, tx))
            await tmp.ExecuteNonQueryAsync();
        var n = 0;
        await using (var copy = await conn.BeginBinaryImportAsync("COPY test_import (note_id, note_text) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, text) in notes)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Bigint);
                if (text is null) await copy.WriteNullAsync();
                else await copy.WriteAsync(text, NpgsqlDbType.Text);
                n++;
            }
            await copy.CompleteAsync();
        }
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO {noteTable} (note_id, person_id, note_date, note_type_concept_id, note_class_concept_id, note_text, encoding_concept_id, language_concept_id)
            SELECT note_id, 0, CURRENT_DATE, 0, 0, note_text, 0, 0 FROM test_import
            ON CONFLICT (note_id) DO UPDATE SET note_text = EXCLUDED.note_text
            """, conn, tx))
            await insert.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return n;
    }
}
