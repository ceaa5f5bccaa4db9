using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Sinks;

namespace Asclepius.TextMining.Worker.Sources;

/// <summary>The embedded default: the notes table of a SQLite file, polled; labels and done marks in one transaction when the sink is the same file.</summary>
public sealed class SqliteNoteSource(SqliteNoteStore store, WorkerIdentity worker) : INoteSource
{
    public SqliteNoteStore Store { get; } = store;

    public string Describe => $"{Store.Location} notes";

    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(Store.EnsureSchema, cancellationToken);

    public Task<NoteBatch> ClaimAsync(string nlpSystem, int max, CancellationToken cancellationToken) =>
        Task.Run(() => new NoteBatch(nlpSystem, Store.Claim(nlpSystem, worker.Id, max)), cancellationToken);

    public async Task<int> CompleteAsync(NoteBatch batch, IReadOnlyList<AnnotatedDocument> labeled, IReadOnlyList<NoteFailure> failures, ILabelSink sink, CancellationToken cancellationToken)
    {
        int committed;
        if (sink is SqliteLabelSink same && ReferenceEquals(same.Store, Store))
            committed = await Task.Run(() => Store.Complete(batch.NlpSystem, worker.Id, labeled, writeRows: true, same.NlpOptions), cancellationToken);
        else
        {
            await sink.WriteAsync(batch.NlpSystem, labeled, cancellationToken);
            committed = await Task.Run(() => Store.Complete(batch.NlpSystem, worker.Id, labeled, writeRows: false, null), cancellationToken);
        }
        await Task.Run(() => Store.Fail(batch.NlpSystem, worker.Id, failures), cancellationToken);
        return committed;
    }

    public Task RenewAsync(NoteBatch batch, CancellationToken cancellationToken) => Task.CompletedTask; // one machine: leases only guard against a crashed process

    public Task<QueueStatus?> StatusAsync(string nlpSystem, CancellationToken cancellationToken) =>
        Task.Run<QueueStatus?>(() => Store.Status(nlpSystem), cancellationToken);

    public Task<int> ReleaseAsync(string nlpSystem, NoteBatch? batch, CancellationToken cancellationToken) =>
        Task.Run(() => Store.Release(nlpSystem, worker.Id), cancellationToken);
}
