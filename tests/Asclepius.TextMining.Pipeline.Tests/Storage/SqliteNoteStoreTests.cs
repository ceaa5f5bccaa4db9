using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Pipeline.Tests.Storage;

public sealed class SqliteNoteStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-sqlite-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public void Claims_labels_parks_bad_notes_and_skips_done_ones()
    {
        var store = new SqliteNoteStore(Path.Combine(_dir, "w.db"), new NoteStoreOptions { MaxAttempts = 2 });
        store.EnsureSchema();
        store.AddNotes([("a", "aspirin"), ("b", ""), ("c", "heparin")]);
        var batch = store.Claim("m 1", "w", 10);
        batch.Select(n => n.NoteId).Should().Equal("a", "b", "c");
        var labeled = batch.Where(n => n.Input.Document is not null)
            .Select(n => new AnnotatedDocument(n.Input.Document!, [new Entity("T1", new TextSpan(0, 7), "Chemical")])).ToList();
        store.Complete("m 1", "w", labeled, writeRows: true, null).Should().Be(2);
        store.Fail("m 1", "w", [new NoteFailure("b", ErrorCodes.EmptyInput, "empty", Retry: false)]).Should().Be(1);
        store.Count("m 1").Should().Be(new WorkCounts(0, 0, 2, 1, 0));
        store.Claim("m 1", "w", 10).Should().BeEmpty();
        store.Claim("m 2", "w", 10).Should().HaveCount(3, "another model version labels everything again");
    }
}
