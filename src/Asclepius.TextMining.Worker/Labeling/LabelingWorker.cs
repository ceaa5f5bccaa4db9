using System.Diagnostics;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Logging;
using Asclepius.TextMining.Worker.Model;
using Asclepius.TextMining.Worker.Options;
using Asclepius.TextMining.Worker.Sinks;
using Asclepius.TextMining.Worker.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Labeling;

/// <summary>
/// The labeling loop: claim a batch → label it in parallel with the current model → hand labels to the
/// sink and mark the notes done → repeat; poll when idle. While the database is away it backs off and
/// retries (<see cref="StoreRetry"/>; saving a labeled batch is retried too, since its leases stay valid for a while). On SIGTERM it
/// finishes the batch in hand within Worker:StopGrace, then releases every lease it still holds.
/// </summary>
public sealed class LabelingWorker(
    INoteSource source,
    ILabelSink sink,
    ModelProvider models,
    WorkerIdentity identity,
    WorkerStatus status,
    IOptions<SourceOptions> sourceOptions,
    IOptions<WorkerOptions> workerOptions,
    IHostApplicationLifetime lifetime,
    ILogger<LabelingWorker> logger) : BackgroundService
{
    private readonly SourceOptions _source = sourceOptions.Value;
    private readonly WorkerOptions _worker = workerOptions.Value;
    private readonly StoreRetry _retry = new(source.Describe, status, logger, workerOptions.Value.MaxBackoff, sourceOptions.Value.LeaseDuration);
    private int Parallelism => _worker.Parallelism > 0 ? _worker.Parallelism : Environment.ProcessorCount;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        status.WorkerId = identity.Id;
        string? lastSystem = null;
        DateTime? waitingSince = null;
        try
        {
            if (!await _retry.UntilStoppedAsync(async ct => { await source.StartAsync(ct); await sink.StartAsync(ct); return true; }, stoppingToken)) return;
            Log.WorkerStarted(logger, identity.Id, source.Describe, sink.Describe, Parallelism, _source.BatchSize);
            while (!stoppingToken.IsCancellationRequested)
            {
                var pipeline = await models.WaitAsync(stoppingToken);
                lastSystem = pipeline.ModelIdentity;
                var batch = await _retry.UntilStoppedAsync(ct => source.ClaimAsync(pipeline.ModelIdentity, _source.BatchSize, ct), stoppingToken);
                if (batch is null) break;
                if (batch.Notes.Count == 0)
                {
                    if (_worker.ExitWhenIdle)
                    {
                        var queue = await _retry.UntilStoppedAsync(ct => source.StatusAsync(pipeline.ModelIdentity, ct), stoppingToken);
                        if (stoppingToken.IsCancellationRequested) break;
                        if (queue is null || queue.Counts.Open == 0)
                        {
                            Log.ExitingWhenIdle(logger, queue?.Counts.Done ?? status.Labeled, queue?.Counts.Parked ?? 0);
                            lifetime.StopApplication();
                            break;
                        }
                        // Notes still leased (a live worker finishing, or a dead one's until the lease expires and this worker takes them).
                        waitingSince ??= DateTime.UtcNow;
                        var holders = string.Join(", ", queue.Leases.Select(l => $"{l.WorkerId}: {l.Notes}"));
                        if (DateTime.UtcNow - waitingSince > _worker.IdleExitWait)
                        {
                            Log.LeasesOutstanding(logger, (long)_worker.IdleExitWait.TotalSeconds, queue.Counts.Leased, holders);
                            Environment.ExitCode = 1;
                            lifetime.StopApplication();
                            break;
                        }
                        Log.WaitingForLeases(logger, queue.Counts.Leased, holders,
                            (long)queue.Leases.Select(l => l.OldestAge.TotalSeconds).DefaultIfEmpty(0).Max(), queue.Leases.Sum(l => l.Expired));
                        await Task.Delay(_source.PollInterval, stoppingToken);
                        continue;
                    }
                    Log.Idle(logger, (long)_source.PollInterval.TotalMilliseconds);
                    await Task.Delay(_source.PollInterval, stoppingToken);
                    continue;
                }
                waitingSince = null;
                await RunBatch(pipeline, batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (NoteStoreException ex)
        {
            Log.StoreFatal(logger, source.Describe, ex.Code, ex.Reason);
            lifetime.StopApplication();
            Environment.ExitCode = 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Unexpected: the type only (a message could quote a note); exit 1 rather than an abort with a stack trace.
            Log.WorkerFailed(logger, ex.GetType().Name);
            lifetime.StopApplication();
            Environment.ExitCode = 1;
        }
        finally
        {
            await ReleaseAll(lastSystem ?? models.Current?.ModelIdentity);
        }
    }

    private async Task RunBatch(ExtractionPipeline pipeline, NoteBatch batch, CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        // Labeling is not stopped by SIGTERM at once: it gets StopGrace to finish, then the notes are released.
        using var grace = new CancellationTokenSource();
        await using var onStop = stoppingToken.Register(() =>
        {
            Log.FinishingBatch(logger, batch.Notes.Count);
            grace.CancelAfter(_worker.StopGrace);
        });
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(grace.Token);
        var renew = RenewLeases(batch, renewing.Token);
        List<LabelOutcome> outcomes;
        try
        {
            var documents = batch.Notes.Where(n => n.Input.Document is not null).Select(n => n.Input.Document!).ToArray();
            // ProcessIsolated: one outcome per note in order; a batch recognizer (BiLSTM-CRF) labels chunks of notes together.
            outcomes = await Task.Run(() => pipeline.ProcessIsolated(documents, Parallelism, grace.Token).ToList(), CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            Log.BatchCancelled(logger, batch.Notes.Count);
            await renewing.CancelAsync();
            await renew;
            await Release(batch);
            throw new OperationCanceledException(stoppingToken);
        }
        await renewing.CancelAsync();
        await renew;

        // Stored reasons are built from codes and positions (FailureReasons), never from messages that may quote the note.
        var failures = new List<NoteFailure>();
        foreach (var bad in batch.Notes.Where(n => n.Input.Problem is not null))
        {
            failures.Add(new NoteFailure(bad.NoteId, bad.Input.Problem!.Code, FailureReasons.For(bad.Input.Problem), Retry: false));
            Log.NoteFailed(logger, bad.LogId, bad.Input.Problem.Code, "input");
        }
        var logIds = batch.Notes.GroupBy(n => n.NoteId).ToDictionary(g => g.Key, g => g.First().LogId);
        foreach (var f in outcomes.Where(o => !o.Succeeded))
        {
            failures.Add(new NoteFailure(f.Id, f.ErrorCode!, FailureReasons.For(f), Retry: true));
            Log.NoteFailed(logger, logIds.GetValueOrDefault(f.Id, f.Id), f.ErrorCode!, f.ExceptionType ?? "");
        }
        var labeled = outcomes.Where(o => o.Succeeded).Select(o => o.Result!).ToList();

        // Saving is retried through database restarts: the leases are still ours until they expire.
        var committed = await _retry.WhileLeasedAsync(() => source.CompleteAsync(batch, labeled, failures, sink, CancellationToken.None));
        if (committed is null)
        {
            Log.BatchAbandoned(logger, batch.Notes.Count);
            return;
        }
        status.AddBatch(committed.Value, failures.Count);
        Log.BatchDone(logger, committed.Value, labeled.Sum(d => (long)d.Entities.Count), failures.Count, labeled.Count - committed.Value, clock.ElapsedMilliseconds);
    }

    private async Task RenewLeases(NoteBatch batch, CancellationToken cancellationToken)
    {
        var every = _source.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, cancellationToken);
                try { await source.RenewAsync(batch, cancellationToken); }
                catch (NoteStoreException ex) when (ex.Transient) { /* the next renewal or the save will tell */ }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task Release(NoteBatch batch)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await source.ReleaseAsync(batch.NlpSystem, batch, timeout.Token);
        }
        catch (Exception ex) when (ex is NoteStoreException or OperationCanceledException or IOException) { /* leases expire on their own */ }
    }

    private async Task ReleaseAll(string? nlpSystem)
    {
        if (nlpSystem is null) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var released = await source.ReleaseAsync(nlpSystem, null, timeout.Token);
            Log.LeasesReleased(logger, released);
        }
        catch (Exception ex) when (ex is NoteStoreException or OperationCanceledException or IOException)
        {
            Log.LeasesReleased(logger, 0); // unreachable: the leases expire on their own
        }
    }
}
