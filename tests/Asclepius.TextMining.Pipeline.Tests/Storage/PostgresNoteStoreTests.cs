using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;

namespace Asclepius.TextMining.Pipeline.Tests.Storage;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresNoteStoreTests(PostgresServer server)
{
    private const string Sys = "model v1";
    private string _cs = "";

    private async Task<(PostgresNoteStore Store, string Db)> Fresh(NoteStoreOptions? options = null, int notes = 10)
    {
        var cs = server.CreateDatabase("store");
        await OmopTables.CreateLegacyAsync(cs); // bigint ids and nullable text, as earlier versions created them (the CDM 5.4 tables: PostgresCdmTests)
        var store = new PostgresNoteStore(cs, options);
        await store.EnsureSchemaAsync(default);
        await OmopTables.AddNotesAsync(cs, Enumerable.Range(1, notes).Select(i => ((long)i, (string?)$"note {i} mentions aspirin")));
        _cs = cs;
        return (store, cs.Split("Database=")[1].Split(';')[0]);
    }

    /// <summary>The claimed note with one Chemical entity on its "aspirin" (the notes these tests load all mention it).</summary>
    internal static AnnotatedDocument Labeled(ClaimedNote n) =>
        new(n.Input.Document!, [new Entity("T1", new TextSpan(n.Input.Document!.Text.IndexOf("aspirin"), n.Input.Document.Text.IndexOf("aspirin") + 7), "Chemical", Source: AnnotationSource.Predicted)]);

    [Fact]
    public async Task Two_workers_never_claim_the_same_note()
    {
        var (store, _) = await Fresh(notes: 50);
        await using var _store = store;
        await store.EnqueueAsync(Sys, default);
        var a = store.ClaimAsync(Sys, "a", 30, default);
        var b = store.ClaimAsync(Sys, "b", 30, default);
        var all = (await a).Concat(await b).Select(n => n.NoteId).ToList();
        all.Should().HaveCount(50).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Complete_writes_note_nlp_and_a_rerun_replaces_rather_than_duplicates()
    {
        var (store, db) = await Fresh();
        await using var _store = store;
        await store.EnqueueAsync(Sys, default);
        var batch = await store.ClaimAsync(Sys, "a", 100, default);
        (await store.CompleteAsync(Sys, "a", batch.Select(Labeled).ToList(), true, null, default)).Should().Be(10);
        server.Psql(db, "SELECT count(*) FROM note_nlp").Trim().Should().Be("10");
        server.Psql(db, "SELECT \"offset\" || '|' || lexical_variant || '|' || nlp_system || '|' || term_exists FROM note_nlp WHERE note_id = 3").Trim().Should().Be("16|aspirin|model v1|Y");
        (await store.CountAsync(Sys, default)).Should().Be(new WorkCounts(0, 0, 10, 0, 0));
        // The same notes written again (e.g. by the sink of a folder source): replaced, not duplicated.
        await store.WriteNoteNlpAsync(Sys, batch.Select(Labeled).ToList(), null, default);
        server.Psql(db, "SELECT count(*) FROM note_nlp").Trim().Should().Be("10");
        (await store.ClaimAsync(Sys, "a", 100, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_over_writes_nothing()
    {
        var (store, db) = await Fresh(new NoteStoreOptions { LeaseDuration = TimeSpan.FromSeconds(1) }, notes: 3);
        await using var _store = store;
        await store.EnqueueAsync(Sys, default);
        var slow = await store.ClaimAsync(Sys, "slow", 10, default);
        await Task.Delay(1500);
        var fast = await store.ClaimAsync(Sys, "fast", 10, default);
        fast.Select(n => n.NoteId).Should().BeEquivalentTo(slow.Select(n => n.NoteId), "expired leases are taken over");
        (await store.CompleteAsync(Sys, "fast", fast.Select(Labeled).ToList(), true, null, default)).Should().Be(3);
        (await store.CompleteAsync(Sys, "slow", slow.Select(Labeled).ToList(), true, null, default)).Should().Be(0);
        server.Psql(db, "SELECT count(*) FROM note_nlp").Trim().Should().Be("3");
    }

    [Fact]
    public async Task A_note_claimed_too_often_is_parked_with_its_reason()
    {
        var (store, _) = await Fresh(new NoteStoreOptions { MaxAttempts = 2 }, notes: 1);
        await using var _store = store;
        await store.EnqueueAsync(Sys, default);
        for (var i = 0; i < 2; i++)
        {
            (await store.ClaimAsync(Sys, "w", 1, default)).Should().HaveCount(1);
            await store.FailAsync(Sys, "w", [new NoteFailure("1", ErrorCodes.ComponentFailed, "boom", Retry: true)], default);
        }
        (await store.ClaimAsync(Sys, "w", 1, default)).Should().BeEmpty();
        var parked = await store.ParkedAsync(Sys, default);
        parked.Should().ContainSingle().Which.Reason.Should().Contain(ErrorCodes.NoteParked).And.Contain("boom");
    }

    [Fact]
    public async Task Bad_notes_come_with_their_problem_and_release_does_not_count_as_an_attempt()
    {
        var (store, _) = await Fresh(new NoteStoreOptions { MaxNoteChars = 50 }, notes: 0);
        await using var _store = store;
        await OmopTables.AddNotesAsync(_cs, [(1, null), (2, "   "), (3, new string('x', 60)), (4, "fine")]);
        await store.EnqueueAsync(Sys, default);
        var claimed = await store.ClaimAsync(Sys, "w", 10, default);
        claimed.Select(c => c.Input.Problem?.Code).Should().Equal(ErrorCodes.EmptyInput, ErrorCodes.EmptyInput, ErrorCodes.InputTooLarge, null);
        (await store.ReleaseAsync(Sys, "w", default)).Should().Be(4);
        (await store.ClaimAsync(Sys, "w", 10, default)).Should().OnlyContain(c => c.Attempts == 1);
    }

    [Fact]
    public async Task Other_model_versions_have_their_own_queue()
    {
        var (store, _) = await Fresh(notes: 4);
        await using var _store = store;
        await store.EnqueueAsync(Sys, default);
        var batch = await store.ClaimAsync(Sys, "a", 10, default);
        await store.CompleteAsync(Sys, "a", batch.Select(Labeled).ToList(), true, null, default);
        await store.EnqueueAsync("model v2", default);
        (await store.ClaimAsync("model v2", "a", 10, default)).Should().HaveCount(4);
    }

    [Fact]
    public async Task Postgres_uris_become_connection_strings()
    {
        PostgresConnectionString.IsPostgres("postgres://u@h:5/db").Should().BeTrue();
        PostgresConnectionString.IsPostgres("Host=h;Database=d").Should().BeTrue();
        PostgresConnectionString.IsPostgres("notes.csv").Should().BeFalse();
        var cs = PostgresConnectionString.Normalize("postgres://me:p%40ss@db.example:6543/cdm?sslmode=require");
        cs.Should().Contain("Host=db.example").And.Contain("Port=6543").And.Contain("Database=cdm").And.Contain("Password=p@ss");
        PostgresConnectionString.Describe(cs).Should().Be("postgres db.example:6543/cdm");
        await Task.CompletedTask;
    }
}
