using System.Diagnostics;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Outputs;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Cli.Labeling;

/// <summary>
/// Labels an OMOP NOTE table in PostgreSQL into NOTE_NLP of the same database, through the same work
/// table and leases as the worker: the command and any running workers share the work without labeling a
/// note twice, a rerun skips notes done by the same model version, and bad notes are parked with their reason.
/// </summary>
public static class DatabaseLabelRun
{
    public static LabelSummary Run(LabelRequest request, ExtractionPipeline pipeline, CancellationToken cancellationToken) =>
        RunAsync(request, pipeline, cancellationToken).GetAwaiter().GetResult();

    private static async Task<LabelSummary> RunAsync(LabelRequest request, ExtractionPipeline pipeline, CancellationToken cancellationToken)
    {
        if (request.Out is not null && request.Out != request.In)
            throw new Infrastructure.UsageException("with an OMOP NOTE table as input (--in postgres://...), labels go to NOTE_NLP in the same database: omit --out");
        if (request.OutFormat is not null)
            throw new Infrastructure.UsageException("with an OMOP NOTE table as input, the output is NOTE_NLP: omit --out-format");
        var system = pipeline.ModelIdentity;
        var me = $"cli:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        await using var store = new PostgresNoteStore(request.In, new NoteStoreOptions { MaxNoteChars = request.MaxNoteChars });
        await store.EnsureSchemaAsync(cancellationToken);
        await store.EnqueueAsync(system, cancellationToken);
        var start = await store.CountAsync(system, cancellationToken);
        using var errors = new ErrorReport(request.Errors ?? "errors.jsonl");
        var summary = new LabelSummary { ErrorsPath = errors.Path, Skipped = start.Done };
        var clock = Stopwatch.StartNew();
        var batchSize = Math.Max(16, request.Parallel * 32);

        return await Task.Run(() => LabelProgress.Run("labeling NOTE", progress =>
        {
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var batch = store.ClaimAsync(system, me, batchSize, cancellationToken).GetAwaiter().GetResult();
                    if (batch.Count == 0) break;
                    var failures = new List<NoteFailure>();
                    foreach (var bad in batch.Where(b => b.Input.Problem is not null))
                    {
                        errors.Add(bad.Input.Problem!);
                        failures.Add(new NoteFailure(bad.NoteId, bad.Input.Problem!.Code, FailureReasons.For(bad.Input.Problem), Retry: false));
                    }
                    var outcomes = OrderedParallel.Select(batch.Where(b => b.Input.Document is not null).Select(b => b.Input.Document!),
                        d => pipeline.TryProcess(d, cancellationToken), request.Parallel, cancellationToken).ToList();
                    foreach (var f in outcomes.Where(o => !o.Succeeded))
                    {
                        errors.Add(new NoteProblem(f.Id, store.Location, null, f.ErrorCode!, f.Reason!));
                        failures.Add(new NoteFailure(f.Id, f.ErrorCode!, FailureReasons.For(f), Retry: false)); // last_error: text-free
                    }
                    var labeled = outcomes.Where(o => o.Succeeded).Select(o => o.Result!).ToList();
                    var committed = store.CompleteAsync(system, me, labeled, writeRows: true, null, CancellationToken.None).GetAwaiter().GetResult();
                    store.FailAsync(system, me, failures, CancellationToken.None).GetAwaiter().GetResult();
                    summary.Labeled += committed;
                    summary.Failed += failures.Count;
                    summary.Tokens += outcomes.Where(o => o.Succeeded).Sum(o => (long)o.TokenCount);
                    summary.Entities += labeled.Sum(d => (long)d.Entities.Count);
                    progress.Update(summary.Labeled + summary.Failed, Math.Max(1, start.Open), summary);
                }
            }
            catch (OperationCanceledException)
            {
                // Give the notes back at once rather than making other workers wait for the leases to expire.
                store.ReleaseAsync(system, me, CancellationToken.None).GetAwaiter().GetResult();
                throw;
            }
            summary.Elapsed = clock.Elapsed;
            return summary;
        }), CancellationToken.None);
    }
}
