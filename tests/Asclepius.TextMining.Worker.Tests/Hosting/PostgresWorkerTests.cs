using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;
using Asclepius.TextMining.Worker.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Tests.Hosting;

/// <summary>The worker on an OMOP database, in-process, so the runtime's own network events and every log line can be inspected.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresWorkerTests(PostgresServer server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-wpg-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Database(string cs) => cs.Split("Database=")[1].Split(';')[0];

    [Fact]
    public async Task A_labeling_run_connects_only_to_loopback_logs_no_note_text_and_parks_every_malformed_note()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var cs = server.CreateDatabase("privacy");
        var good = SyntheticNotes.Generate(400).Select(n => ((long)n.Id, (string?)n.Text)).ToList();
        var malformed = new List<(long, string?)>();
        for (var i = 0; i < 40; i++) malformed.Add((10_000 + i, null));
        for (var i = 0; i < 30; i++) malformed.Add((20_000 + i, new string(' ', i) + "\n\t"));
        for (var i = 0; i < 20; i++) malformed.Add((30_000 + i, new string('x', 2500 + i)));
        for (var i = 0; i < 15; i++) malformed.Add((40_000 + i, string.Concat(Enumerable.Range(1, 40).Select(c => (char)(c % 8 + 1)))));
        await OmopTables.CreateLegacyAsync(cs); // nullable note_text, so NULL notes can be planted
        await OmopTables.AddNotesAsync(cs, good.Concat(malformed).OrderBy(n => n.Item1 % 7));
        await using (var setup = new PostgresNoteStore(cs)) await setup.EnsureSchemaAsync(default);
        var pipeline = ExtractionPipeline.Load(model);
        var expectedRows = good.Sum(n => pipeline.Process(new Document(n.Item1.ToString(), n.Item2!)).Entities.Count);

        var logs = new CapturingLoggerProvider();
        using (var watch = new NetworkWatch())
        {
            using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
            {
                ["Model:Package"] = model,
                ["Source:Kind"] = "Postgres",
                ["Source:ConnectionString"] = cs,
                ["Source:PollInterval"] = "00:00:00.200",
                ["Source:MaxNoteChars"] = "2000",
                ["Worker:Parallelism"] = "2",
            }, logs);
            await host.StartAsync();
            await using var store = new PostgresNoteStore(cs);
            await WorkerHost.Until(async () => (await store.CountAsync(pipeline.ModelIdentity, default)) is { Done: 400, Parked: 105 }, TimeSpan.FromSeconds(60), "all notes");
            await host.StopAsync();
            watch.Connections.Should().NotBeEmpty("the listener must see the PostgreSQL connections, or it proves nothing");
            watch.NonLoopback().Should().BeEmpty();
        }

        server.Psql(Database(cs), "SELECT count(*) FROM note_nlp").Trim().Should().Be(expectedRows.ToString());
        server.Psql(Database(cs), "SELECT count(*) FROM asclepius.note_work WHERE state = 'parked' AND last_error ~ '^ATM1[0-9][0-9] '").Trim().Should().Be("105");
        LogCapture.Leaks(logs.Lines, good.Select(n => n.Item2!)).Should().BeEmpty();
        logs.Entries.Count(e => e.EventId == 1011).Should().Be(105, "each malformed note is reported by id");
    }

    [Fact]
    public async Task Stopping_finishes_the_batch_in_hand_and_releases_every_lease()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var cs = server.CreateDatabase("stop");
        await using var store = new PostgresNoteStore(cs);
        await store.EnsureSchemaAsync(default);
        await OmopTables.AddNotesAsync(cs, SyntheticNotes.Generate(3000).Select(n => ((long)n.Id, (string?)n.Text)));
        var system = ExtractionPipeline.Load(model).ModelIdentity;
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = model,
            ["Source:Kind"] = "Postgres",
            ["Source:ConnectionString"] = cs,
            ["Source:BatchSize"] = "20",
            ["Worker:Parallelism"] = "1",
        }, new CapturingLoggerProvider());
        await host.StartAsync();
        await WorkerHost.Until(async () => (await store.CountAsync(system, default)).Done >= 200, TimeSpan.FromSeconds(60), "some notes");
        await host.StopAsync();

        var counts = await store.CountAsync(system, default);
        counts.Leased.Should().Be(0);
        counts.Done.Should().BeLessThan(3000);
        server.Psql(Database(cs), $"SELECT count(DISTINCT note_id) FROM note_nlp").Trim().Should().Be(
            server.Psql(Database(cs), "SELECT count(*) FROM asclepius.note_work w WHERE state = 'done' AND EXISTS (SELECT 1 FROM note_nlp n WHERE n.note_id = w.note_id)").Trim());
        server.Psql(Database(cs), "SELECT count(*) FROM asclepius.note_work WHERE attempts <> CASE WHEN state = 'done' THEN 1 ELSE 0 END").Trim().Should().Be("0", "released notes do not count an attempt");
    }
}
