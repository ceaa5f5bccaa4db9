using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;
using Asclepius.TextMining.Worker.Tests.Support;

namespace Asclepius.TextMining.Worker.Tests.Reliability;

/// <summary>
/// Worker processes against one PostgreSQL server, configured through environment variables as an operator
/// would: a worker killed with SIGKILL, and the database restarted, in the middle of a run. Afterwards every
/// note is labeled exactly once: done in the work table, and its NOTE_NLP rows present once for the model.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MultiWorkerTests(PostgresServer server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-multi-").FullName;
    private readonly List<WorkerProcess> _workers = new();

    public void Dispose()
    {
        foreach (var w in _workers) w.Dispose();
        Directory.Delete(_dir, true);
    }

    private static string Database(string cs) => cs.Split("Database=")[1].Split(';')[0];

    private async Task<(string Cs, string Model, string System, List<(long Id, string Text)> Notes, Dictionary<long, int> Expected)> Setup(int count, string prefix)
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, $"{prefix}.zip"));
        var cs = server.CreateDatabase(prefix);
        var notes = SyntheticNotes.Generate(count).Select(n => ((long)n.Id, n.Text)).ToList();
        await using (var store = new PostgresNoteStore(cs))
        {
            await store.EnsureSchemaAsync(default);
            await OmopTables.AddNotesAsync(cs, notes.Select(n => (n.Item1, (string?)n.Item2)));
        }
        var pipeline = ExtractionPipeline.Load(model);
        var expected = notes.ToDictionary(n => n.Item1, n => pipeline.Process(new Document(n.Item1.ToString(), n.Item2)).Entities.Count);
        return (cs, model, pipeline.ModelIdentity, notes, expected);
    }

    private WorkerProcess Start(string cs, string model, string id, int batch)
    {
        var w = new WorkerProcess(_dir, new Dictionary<string, string>
        {
            ["Model__Package"] = model,
            ["Source__Kind"] = "Postgres",
            ["Source__ConnectionString"] = cs,
            ["Source__BatchSize"] = batch.ToString(),
            ["Source__LeaseDuration"] = "00:00:03",
            ["Source__PollInterval"] = "00:00:00.200",
            ["Worker__Parallelism"] = "1",
            ["Worker__WorkerId"] = id,
            ["Worker__MaxBackoff"] = "00:00:01",
        });
        _workers.Add(w);
        return w;
    }

    /// <summary>Every note done once, its NOTE_NLP rows exactly as the model gives them, no duplicate row, no lease left.</summary>
    private void AssertExactlyOnce(string cs, string system, Dictionary<long, int> expected)
    {
        var db = Database(cs);
        server.Psql(db, $"SELECT count(*) FROM asclepius.note_work WHERE nlp_system = '{system}' AND state = 'done'").Trim().Should().Be(expected.Count.ToString());
        server.Psql(db, "SELECT count(*) FROM (SELECT note_id, \"offset\", nlp_system FROM note_nlp GROUP BY 1, 2, 3 HAVING count(*) > 1) d").Trim().Should().Be("0", "no duplicate NOTE_NLP rows");
        var actual = server.Psql(db, $"SELECT note_id || ':' || count(*) FROM note_nlp WHERE nlp_system = '{system}' GROUP BY note_id")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')).ToDictionary(p => long.Parse(p[0]), p => int.Parse(p[1]));
        actual.Should().BeEquivalentTo(expected.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value), "every note's entities, once");
    }

    private async Task<long> Done(string cs, string system)
    {
        await using var store = new PostgresNoteStore(cs);
        try { return (await store.CountAsync(system, default)).Done; }
        catch (NoteStoreException) { return -1; }
    }

    [Fact]
    public async Task Three_workers_label_5000_notes_exactly_once_while_one_is_killed_midway()
    {
        var (cs, model, system, notes, expected) = await Setup(5000, "kill");
        var victim = Start(cs, model, "victim", batch: 100);
        var others = new[] { Start(cs, model, "w2", 50), Start(cs, model, "w3", 50) };

        // Kill the victim while it holds leases, once the run is well under way: both checked while the victim is
        // frozen, from its start (waiting for the run to get under way first let a busy machine finish it).
        long heldAtKill = 0;
        long Count(string sql) => long.Parse(server.Psql(Database(cs), sql).Trim());
        (await victim.KillWhenAsync(() => Count($"SELECT count(*) FROM asclepius.note_work WHERE nlp_system = '{system}' AND state = 'done'") >= 1000
                && (heldAtKill = Count("SELECT count(*) FROM asclepius.note_work WHERE leased_by = 'victim' AND state = 'leased'")) > 0,
                TimeSpan.FromSeconds(90)))
            .Should().BeTrue("the victim is killed while it holds leases");
        (await Done(cs, system)).Should().BeLessThan(5000, "the kill must come midway");

        await WorkerHost.Until(async () => await Done(cs, system) == 5000, TimeSpan.FromSeconds(90), "all 5000 notes");
        foreach (var w in others) w.Terminate(TimeSpan.FromSeconds(30)).Should().BeTrue("SIGTERM stops a worker cleanly");
        others.Should().OnlyContain(w => w.ExitCode == 0);

        AssertExactlyOnce(cs, system, expected);
        heldAtKill.Should().BeGreaterThan(0);
        server.Psql(Database(cs), "SELECT count(*) FROM asclepius.note_work WHERE attempts = 2").Trim().Should().NotBe("0", "the dead worker's notes were taken over by the others");
        server.Psql(Database(cs), "SELECT count(*) FROM asclepius.note_work WHERE state <> 'done' OR leased_by IS NOT NULL").Trim().Should().Be("0");
        var output = string.Join("\n", _workers.Select(w => w.Output));
        LogCapture.Leaks(output.Split('\n'), notes.Select(n => n.Text)).Should().BeEmpty("worker logs carry ids and counts only");
    }

    [Fact]
    public async Task Workers_ride_out_a_database_restart_and_finish()
    {
        var (cs, model, system, _, expected) = await Setup(2000, "restart");
        var workers = new[] { Start(cs, model, "r1", 25), Start(cs, model, "r2", 25) };
        await WorkerHost.Until(async () => await Done(cs, system) >= 400, TimeSpan.FromSeconds(90), "the run to be under way");
        server.Restart();
        (await Done(cs, system)).Should().BeLessThan(2000, "the restart must come midway");

        await WorkerHost.Until(async () => await Done(cs, system) == 2000, TimeSpan.FromSeconds(120), "all notes after the restart");
        workers.Should().OnlyContain(w => !w.HasExited, "a lost database is waited for, not fatal");
        string.Join("\n", workers.Select(w => w.Output)).Should().Contain("[1020]", "the outage was noticed and retried");
        foreach (var w in workers) w.Terminate(TimeSpan.FromSeconds(30)).Should().BeTrue();
        AssertExactlyOnce(cs, system, expected);
    }
}
