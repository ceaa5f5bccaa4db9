using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;

namespace Asclepius.TextMining.Pipeline.Tests.Storage;

/// <summary>The store on the official OHDSI CDM 5.4 NOTE and NOTE_NLP (integer ids, no defaults), never altering them.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresCdmTests(PostgresServer server)
{
    private const string Sys = "model v1";

    private static string Db(string cs) => cs.Split("Database=")[1].Split(';')[0];

    private static AnnotatedDocument Labeled(ClaimedNote n) => PostgresNoteStoreTests.Labeled(n);

    [Fact]
    public async Task Writes_note_nlp_into_the_official_cdm_54_tables_with_integer_ids()
    {
        var cs = server.CreateDatabase("cdm");
        await OmopTables.CreateCdm54Async(cs);
        await OmopTables.AddNotesAsync(cs, Enumerable.Range(1, 5).Select(i => ((long)i, (string?)$"note {i} mentions aspirin")), "cdm.note");
        var before = server.Psql(Db(cs), "SELECT string_agg(indexname || ':' || indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'cdm'");
        await using var store = new PostgresNoteStore(cs, new NoteStoreOptions { NoteTable = "cdm.note", NoteNlpTable = "cdm.note_nlp" });
        await store.EnsureSchemaAsync(default);
        await store.EnqueueAsync(Sys, default);
        var batch = await store.ClaimAsync(Sys, "w", 10, default);
        (await store.CompleteAsync(Sys, "w", batch.Select(Labeled).ToList(), true, null, default)).Should().Be(5);

        server.Psql(Db(cs), "SELECT count(*) || ':' || count(DISTINCT note_nlp_id) FROM cdm.note_nlp WHERE lexical_variant = 'aspirin'").Trim().Should().Be("5:5");
        server.Psql(Db(cs), "SELECT string_agg(indexname || ':' || indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'cdm'")
            .Should().Be(before, "CDM tables are never altered (no index added)");
    }

    [Fact]
    public async Task Ids_stay_above_rows_other_programs_wrote_and_a_clash_moves_the_sequence()
    {
        var cs = server.CreateDatabase("seq");
        await OmopTables.CreateCdm54Async(cs);
        await OmopTables.AddNotesAsync(cs, Enumerable.Range(1, 4).Select(i => ((long)i, (string?)$"note {i} mentions aspirin")), "cdm.note");
        const string other = "INSERT INTO cdm.note_nlp (note_nlp_id, note_id, lexical_variant, nlp_system, nlp_date) VALUES ({0}, 1, 'x', 'other 1', CURRENT_DATE)";
        server.Psql(Db(cs), string.Format(other, 500));
        await using var store = new PostgresNoteStore(cs, new NoteStoreOptions { CdmSchema = "cdm" });
        await store.EnsureSchemaAsync(default);
        await store.EnqueueAsync(Sys, default);
        var first = await store.ClaimAsync(Sys, "w", 2, default);
        await store.CompleteAsync(Sys, "w", first.Select(Labeled).ToList(), true, null, default);
        server.Psql(Db(cs), "SELECT min(note_nlp_id) FROM cdm.note_nlp WHERE nlp_system = 'model v1'").Trim().Should().Be("501", "the sequence starts above max(note_nlp_id)");

        // Another program takes the next id meanwhile: the save fails as transient and moves the sequence; the retry succeeds.
        server.Psql(Db(cs), string.Format(other, 503));
        var second = (await store.ClaimAsync(Sys, "w", 2, default)).Select(Labeled).ToList();
        var clash = async () => await store.CompleteAsync(Sys, "w", second, true, null, default);
        (await clash.Should().ThrowAsync<NoteStoreException>()).Which.Transient.Should().BeTrue();
        (await store.CompleteAsync(Sys, "w", second, true, null, default)).Should().Be(2);
        server.Psql(Db(cs), "SELECT count(*) FROM cdm.note_nlp").Trim().Should().Be("6");
    }

    [Fact]
    public async Task Replace_deletes_the_model_s_earlier_versions_in_the_same_write_and_keeps_other_systems()
    {
        var cs = server.CreateDatabase("versions");
        await OmopTables.CreateCdm54Async(cs);
        await OmopTables.AddNotesAsync(cs, Enumerable.Range(1, 3).Select(i => ((long)i, (string?)$"note {i} mentions aspirin")), "cdm.note");
        server.Psql(Db(cs), "INSERT INTO cdm.note_nlp (note_nlp_id, note_id, lexical_variant, nlp_system, nlp_date) VALUES (9000, 1, 'x', 'other-tool 1.0', CURRENT_DATE)");
        await using var store = new PostgresNoteStore(cs, new NoteStoreOptions { CdmSchema = "cdm" });
        await store.EnsureSchemaAsync(default);
        async Task Label(string system, NoteNlpVersions versions)
        {
            await store.EnqueueAsync(system, default);
            var batch = await store.ClaimAsync(system, "w", 10, default);
            await store.CompleteAsync(system, "w", batch.Select(Labeled).ToList(), true, new NoteNlpOptions { Versions = versions }, default);
        }
        string Systems() => server.Psql(Db(cs), "SELECT string_agg(nlp_system || '=' || n, ',' ORDER BY nlp_system) FROM (SELECT nlp_system, count(*) n FROM cdm.note_nlp GROUP BY 1) x").Trim();

        await Label("model v1", NoteNlpVersions.KeepAll);
        await Label("model v2", NoteNlpVersions.KeepAll);
        Systems().Should().Be("model v1=3,model v2=3,other-tool 1.0=1", "KeepAll: versions side by side");
        await Label("model v3", NoteNlpVersions.Replace);
        Systems().Should().Be("model v3=3,other-tool 1.0=1", "Replace: the model's earlier versions go, other systems stay");
    }
}
