using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.Worker.Model;
using Asclepius.TextMining.Worker.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Worker.Tests.Hosting;

/// <summary>The embedded default: the worker polls a notes table in SQLite and writes note_nlp beside it.</summary>
public sealed class SqliteWorkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-wsqlite-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task Labels_new_notes_as_they_arrive_parks_bad_ones_and_logs_no_note_text()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var db = Path.Combine(_dir, "worker.db");
        var logs = new CapturingLoggerProvider();
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = model,
            ["Source:ConnectionString"] = $"Data Source={db}",
            ["Source:PollInterval"] = "00:00:00.200",
            ["Source:MaxNoteChars"] = "5000",
        }, logs);
        await host.StartAsync();
        var store = new SqliteNoteStore(db);
        var system = (await host.Get<ModelProvider>().WaitAsync(default)).ModelIdentity;
        await WorkerHost.Until(() => Task.FromResult(File.Exists(db)), TimeSpan.FromSeconds(10), "the database");
        store.EnsureSchema();
        var notes = SyntheticNotes.Generate(150).Select(n => (n.Id.ToString(), (string?)n.Text)).ToList();
        store.AddNotes(notes.Take(100));
        await WorkerHost.Until(() => Task.FromResult(store.Count(system).Done == 100), TimeSpan.FromSeconds(30), "the first notes");
        store.AddNotes(notes.Skip(100).Concat([("empty", ""), ("big", new string('q', 6000))]));
        await WorkerHost.Until(() => Task.FromResult(store.Count(system) is { Done: 150, Parked: 2 }), TimeSpan.FromSeconds(30), "the later notes");
        await host.StopAsync();

        logs.Entries.Should().Contain(e => e.EventId == 1010);
        logs.Entries.Where(e => e.EventId == 1011).Select(e => e.Text).Should().OnlyContain(t => t.Contains(ErrorCodes.EmptyInput) || t.Contains(ErrorCodes.InputTooLarge));
        LogCapture.Leaks(logs.Lines, notes.Select(n => n.Item2!)).Should().BeEmpty();
    }
}
