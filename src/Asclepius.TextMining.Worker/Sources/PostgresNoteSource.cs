using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Sinks;

namespace Asclepius.TextMining.Worker.Sources;

/// <summary>
/// An OMOP NOTE table shared by many workers: new notes are queued in the work table, batches are claimed
/// with FOR UPDATE SKIP LOCKED leases, and labels plus done marks are committed in one transaction when the
/// sink is NOTE_NLP of the same database (exactly once per note and model version).
/// </summary>
public sealed class PostgresNoteSource(PostgresNoteStore store, WorkerIdentity worker) : INoteSource
{
    public PostgresNoteStore Store { get; } = store;

    public string Describe => $"{Store.Location} {Store.Options.Note}";

    public Task StartAsync(CancellationToken cancellationToken) => Store.EnsureSchemaAsync(cancellationToken);

    public async Task<NoteBatch> ClaimAsync(string nlpSystem, int max, CancellationToken cancellationToken)
    {
        var notes = await Store.ClaimAsync(nlpSystem, worker.Id, max, cancellationToken);
        if (notes.Count == 0 && await Store.EnqueueAsync(nlpSystem, cancellationToken) > 0)
            notes = await Store.ClaimAsync(nlpSystem, worker.Id, max, cancellationToken);
        return new NoteBatch(nlpSystem, notes);
    }

    public async Task<int> CompleteAsync(NoteBatch batch, IReadOnlyList<AnnotatedDocument> labeled, IReadOnlyList<NoteFailure> failures, ILabelSink sink, CancellationToken cancellationToken)
    {
        int committed;
        if (sink is PostgresLabelSink same && ReferenceEquals(same.Store, Store))
            committed = await Store.CompleteAsync(batch.NlpSystem, worker.Id, labeled, writeRows: true, same.NlpOptions, cancellationToken);
        else
        {
            await sink.WriteAsync(batch.NlpSystem, labeled, cancellationToken);
            committed = await Store.CompleteAsync(batch.NlpSystem, worker.Id, labeled, writeRows: false, null, cancellationToken);
        }
        await Store.FailAsync(batch.NlpSystem, worker.Id, failures, cancellationToken);
        return committed;
    }

    public Task RenewAsync(NoteBatch batch, CancellationToken cancellationToken) =>
        Store.RenewAsync(batch.NlpSystem, worker.Id, batch.Notes.Select(n => n.NoteId).ToArray(), cancellationToken);

    public async Task<QueueStatus?> StatusAsync(string nlpSystem, CancellationToken cancellationToken) =>
        (await Store.StatusAsync(nlpSystem, cancellationToken))[0];

    public Task<int> ReleaseAsync(string nlpSystem, NoteBatch? batch, CancellationToken cancellationToken) =>
        Store.ReleaseAsync(nlpSystem, worker.Id, cancellationToken);
}
