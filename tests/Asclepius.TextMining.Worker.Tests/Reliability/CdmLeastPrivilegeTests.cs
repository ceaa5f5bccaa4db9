using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;
using Asclepius.TextMining.Worker.Tests.Support;

namespace Asclepius.TextMining.Worker.Tests.Reliability;

/// <summary>
/// The deployment docs/OMOP.md describes, end to end: the official CDM 5.4 NOTE and NOTE_NLP (integer ids),
/// a role with exactly the GRANTs `asclepius omop init` prints, two worker processes logging in as that role
/// (one SIGKILLed while it holds leases; the other started with ExitWhenIdle, so it must wait for the dead
/// worker's leases to expire and take them over), and a masked snippet window. Every note is labeled exactly
/// once, the CDM tables are as they were, and the planted identifiers are not in NOTE_NLP.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CdmLeastPrivilegeTests(PostgresServer server) : IDisposable
{
    private const string Planted = "Patient Alice Example MRN 7654321 was given aspirin for chest pain.";
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-cdm-").FullName;
    private readonly List<WorkerProcess> _workers = new();

    public void Dispose()
    {
        foreach (var w in _workers) w.Dispose();
        Directory.Delete(_dir, true);
    }

    private WorkerProcess Start(string cs, string model, string id, int batch, bool exitWhenIdle, string lease = "00:00:03")
    {
        var w = new WorkerProcess(_dir, new Dictionary<string, string>
        {
            ["Model__Package"] = model,
            ["Source__Kind"] = "Postgres",
            ["Source__ConnectionString"] = cs,
            ["Source__CdmSchema"] = "cdm",
            ["Source__WorkSchema"] = "asclepius",
            ["Source__BatchSize"] = batch.ToString(),
            ["Source__LeaseDuration"] = lease,
            ["Source__PollInterval"] = "00:00:00.200",
            ["Omop__Snippet"] = "Window",
            ["Worker__Parallelism"] = "1",
            ["Worker__WorkerId"] = id,
            ["Worker__ExitWhenIdle"] = exitWhenIdle ? "true" : "false",
        });
        _workers.Add(w);
        return w;
    }

    [Fact]
    public async Task Two_workers_as_a_least_privilege_role_label_the_official_cdm_exactly_once_with_one_killed()
    {
        var admin = server.CreateDatabase("cdm54");
        var db = admin.Split("Database=")[1].Split(';')[0];
        var role = $"nlp_{Guid.NewGuid().ToString("N")[..8]}";
        await OmopTables.CreateCdm54Async(admin, "cdm");
        server.Psql(db, $"CREATE ROLE {role} LOGIN PASSWORD 'not-checked-under-trust'");
        // As the docs say: `asclepius omop init --cdm-schema cdm --work-schema asclepius --role ROLE | psql` run by a DBA.
        server.Psql(db, PostgresOmopSchema.InitScript(new NoteStoreOptions { CdmSchema = "cdm", WorkSchema = "asclepius" }, role, createCdmTables: false));
        foreach (var (kind, target) in new[] { ("DATABASE", db), ("SCHEMA", "cdm"), ("SCHEMA", "asclepius"), ("SCHEMA", "public") })
            server.Psql(db, $"SELECT has_{kind.ToLowerInvariant()}_privilege('{role}', '{target}', 'CREATE')").Trim().Should().Be("f", $"the role may not create in {kind} {target}");
        var indexes = server.Psql(db, "SELECT string_agg(indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'cdm'");

        var notes = SyntheticNotes.Generate(1200).Select(n => ((long)n.Id, n.Text)).Append((5000L, Planted)).ToList();
        await OmopTables.AddNotesAsync(admin, notes.Select(n => (n.Item1, (string?)n.Item2)), "cdm.note");
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var pipeline = ExtractionPipeline.Load(model);
        var expected = notes.ToDictionary(n => n.Item1, n => pipeline.Process(new Document(n.Item1.ToString(), n.Item2)).Entities.Count);
        var system = pipeline.ModelIdentity;
        var asRole = admin.Replace("Username=postgres", $"Username={role};Password=not-checked-under-trust");

        long Count(string sql) => long.Parse(server.Psql(db, sql).Trim());
        long LeasedByVictim() => Count("SELECT count(*) FROM asclepius.note_work WHERE leased_by = 'victim' AND state = 'leased'");
        // The victim starts alone and is killed at a moment it holds leases, checked while it is frozen from its
        // start: a victim left to run while the test waited for its first batch could label the whole queue on a
        // busy machine before it was caught holding a lease. The survivor starts only then, so nothing but lease
        // expiry can hand it the dead worker's notes.
        var victim = Start(asRole, model, "victim", batch: 100, exitWhenIdle: false, lease: "00:00:08");
        (await victim.KillWhenAsync(() => LeasedByVictim() > 0, TimeSpan.FromSeconds(90)))
            .Should().BeTrue("the victim is killed while it holds leases");
        Count("SELECT count(*) FROM asclepius.note_work WHERE state = 'done'").Should().BeLessThan(notes.Count, "the kill must come midway");
        var survivor = Start(asRole, model, "survivor", batch: 40, exitWhenIdle: true);

        survivor.WaitForExit(TimeSpan.FromSeconds(120)).Should().BeTrue("the survivor finishes and exits (ExitWhenIdle)");
        survivor.ExitCode.Should().Be(0, survivor.Output);

        Count($"SELECT count(*) FROM asclepius.note_work WHERE nlp_system = '{system}' AND state = 'done' AND leased_by IS NULL").Should().Be(notes.Count);
        Count("SELECT count(*) FROM asclepius.note_work WHERE attempts = 2").Should().BeGreaterThan(0, "the dead worker's notes were taken over");
        Count("SELECT count(*) FROM (SELECT note_id, \"offset\" FROM cdm.note_nlp GROUP BY 1, 2 HAVING count(*) > 1) d").Should().Be(0, "no duplicate NOTE_NLP rows");
        var actual = server.Psql(db, "SELECT note_id || ':' || count(*) FROM cdm.note_nlp GROUP BY note_id")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')).ToDictionary(p => long.Parse(p[0]), p => int.Parse(p[1]));
        actual.Should().BeEquivalentTo(expected.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value), "every note's entities, once");

        var planted = server.Psql(db, "SELECT snippet FROM cdm.note_nlp WHERE note_id = 5000 AND lexical_variant = 'aspirin'").Trim();
        planted.Should().Contain("aspirin").And.Contain("Patient [NAME]").And.Contain("MRN [ID]");
        foreach (var identifier in new[] { "Alice", "Example", "7654321" })
            server.Psql(db, $"SELECT count(*) FROM cdm.note_nlp WHERE snippet LIKE '%{identifier}%'").Trim().Should().Be("0");
        server.Psql(db, "SELECT string_agg(indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'cdm'").Should().Be(indexes, "the CDM tables are not altered");
        LogCapture.Leaks(string.Join("\n", _workers.Select(w => w.Output)).Split('\n'), notes.Select(n => n.Item2)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExitWhenIdle_waits_for_leased_notes_and_exits_1_naming_the_holder_when_they_outlast_the_wait(bool stuck)
    {
        var cs = server.CreateDatabase("idle");
        var db = cs.Split("Database=")[1].Split(';')[0];
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var system = ExtractionPipeline.Load(model).ModelIdentity;
        await using (var store = new PostgresNoteStore(cs))
        {
            await store.EnsureSchemaAsync(default);
            await OmopTables.AddNotesAsync(cs, [(1, "Denies chest pain."), (2, "On aspirin.")]);
            await store.EnqueueAsync(system, default);
            (await store.ClaimAsync(system, "stuck-worker", 1, default)).Should().ContainSingle();
        }
        // A dead worker's lease runs out after 8 s (then this worker takes the note); a stuck one's outlasts IdleExitWait.
        server.Psql(db, $"UPDATE asclepius.note_work SET lease_until = now() + interval '{(stuck ? "1 hour" : "8 seconds")}' WHERE state = 'leased'");
        var w = new WorkerProcess(_dir, new Dictionary<string, string>
        {
            ["Model__Package"] = model,
            ["Source__Kind"] = "Postgres",
            ["Source__ConnectionString"] = cs,
            ["Source__PollInterval"] = "00:00:00.200",
            ["Worker__ExitWhenIdle"] = "true",
            ["Worker__IdleExitWait"] = stuck ? "00:00:02" : "00:01:00",
        });
        _workers.Add(w);
        w.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue();
        w.Output.Should().Contain("[1014]", "it waits instead of exiting 0 with a note unfinished");
        if (stuck)
        {
            w.ExitCode.Should().Be(1, w.Output);
            w.Output.Should().Contain("[1015]").And.Contain("stuck-worker: 1");
        }
        else
        {
            w.ExitCode.Should().Be(0, w.Output);
            server.Psql(db, "SELECT count(*) FROM asclepius.note_work WHERE state = 'done'").Trim().Should().Be("2", "the expired lease was taken over");
        }
    }
}
