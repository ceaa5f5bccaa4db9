using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Sinks;

namespace Asclepius.TextMining.Worker.Sources;

/// <summary>
/// Where the worker gets notes. Claim leases a batch; Complete hands the labels to the sink and marks the
/// notes done (in one transaction when source and sink share a database); Release gives unfinished notes
/// back. Transient database faults surface as <see cref="NoteStoreException"/> with Transient set.
/// </summary>
public interface INoteSource
{
    /// <summary>What it reads, for logs (no credentials).</summary>
    string Describe { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task<NoteBatch> ClaimAsync(string nlpSystem, int max, CancellationToken cancellationToken);

    /// <summary>Returns how many labeled notes were committed (notes whose lease another worker took over are not).</summary>
    Task<int> CompleteAsync(NoteBatch batch, IReadOnlyList<AnnotatedDocument> labeled, IReadOnlyList<NoteFailure> failures, ILabelSink sink, CancellationToken cancellationToken);

    Task RenewAsync(NoteBatch batch, CancellationToken cancellationToken);

    /// <summary>Counts per state and lease holders for a model version; null when the source keeps no queue (a folder).</summary>
    Task<QueueStatus?> StatusAsync(string nlpSystem, CancellationToken cancellationToken);

    /// <summary>Gives back the notes of <paramref name="batch"/> (or every lease this worker holds, when null).</summary>
    Task<int> ReleaseAsync(string nlpSystem, NoteBatch? batch, CancellationToken cancellationToken);
}
