using Asclepius.TextMining.Core.Documents;
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

    private static AnnotatedDocument Labeled(ClaimedNote n) =>
        new(n.Input.Document!, [new Entity("T1", new TextSpan(n.Input.Document!.Text.IndexOf("aspirin"), n.Input.Document.Text.IndexOf("aspirin") + 7), "Chemical", Source: AnnotationSource.Predicted)]);

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
}
