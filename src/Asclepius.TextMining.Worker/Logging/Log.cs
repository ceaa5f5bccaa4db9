using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Worker.Logging;

/// <summary>
/// Every message the worker logs, with fixed event ids (1xxx). They carry ids, counts, timings, codes and
/// exception type names only: never note text, never a component's exception message (it may quote a note).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Worker {WorkerId} started: source {Source}, sink {Sink}, {Parallelism} threads, batches of {BatchSize}")]
    public static partial void WorkerStarted(ILogger logger, string workerId, string source, string sink, int parallelism, int batchSize);

    [LoggerMessage(1001, LogLevel.Information, "Model {Model} loaded from {Path}")]
    public static partial void ModelLoaded(ILogger logger, string model, string path);

    [LoggerMessage(1002, LogLevel.Error, "Model package {Path} refused ({Code}); keeping {Current}")]
    public static partial void ModelRejected(ILogger logger, string path, string code, string current);

    [LoggerMessage(1003, LogLevel.Warning, "No model package at {Path} yet; waiting for it")]
    public static partial void ModelMissing(ILogger logger, string path);

    [LoggerMessage(1004, LogLevel.Information, "Model swapped: {Old} -> {New}")]
    public static partial void ModelSwapped(ILogger logger, string old, string @new);

    [LoggerMessage(1005, LogLevel.Critical, "Worker configuration refused ({Code}): {Reason}; exiting with code 1")]
    public static partial void ConfigurationRefused(ILogger logger, string code, string reason);

    [LoggerMessage(1010, LogLevel.Information, "Batch done: {Labeled} labeled, {Entities} entities, {Failed} failed, {Skipped} taken over by another worker, {ElapsedMs} ms")]
    public static partial void BatchDone(ILogger logger, int labeled, long entities, int failed, int skipped, long elapsedMs);

    [LoggerMessage(1011, LogLevel.Warning, "Note {NoteId} not labeled: {Code} ({ExceptionType})")]
    public static partial void NoteFailed(ILogger logger, string noteId, string code, string exceptionType);

    [LoggerMessage(1012, LogLevel.Debug, "Nothing to label; next poll in {DelayMs} ms")]
    public static partial void Idle(ILogger logger, long delayMs);

    [LoggerMessage(1013, LogLevel.Information, "Nothing left to label ({Done} done, {Parked} parked); exiting (Worker:ExitWhenIdle)")]
    public static partial void ExitingWhenIdle(ILogger logger, long done, long parked);

    [LoggerMessage(1014, LogLevel.Information, "Nothing to claim, but {Leased} notes are leased ({Holders}; oldest {OldestSeconds} s, {Expired} expired); waiting for them to finish or expire (Worker:ExitWhenIdle)")]
    public static partial void WaitingForLeases(ILogger logger, long leased, string holders, long oldestSeconds, long expired);

    [LoggerMessage(1015, LogLevel.Error, "Gave up waiting after {WaitSeconds} s: {Leased} notes still leased ({Holders}); exiting with code 1 (Worker:IdleExitWait)")]
    public static partial void LeasesOutstanding(ILogger logger, long waitSeconds, long leased, string holders);

    [LoggerMessage(1020, LogLevel.Warning, "Note store {Store} unavailable ({Code}, {ExceptionType}); retrying in {DelayMs} ms")]
    public static partial void StoreUnavailable(ILogger logger, string store, string code, string exceptionType, long delayMs);

    [LoggerMessage(1021, LogLevel.Information, "Note store {Store} reachable again")]
    public static partial void StoreRecovered(ILogger logger, string store);

    [LoggerMessage(1022, LogLevel.Critical, "Note store {Store} refused the worker ({Code}): {Reason}")]
    public static partial void StoreFatal(ILogger logger, string store, string code, string reason);

    [LoggerMessage(1024, LogLevel.Critical, "Worker failed ({ExceptionType}); exiting with code 1")]
    public static partial void WorkerFailed(ILogger logger, string exceptionType);

    [LoggerMessage(1023, LogLevel.Warning, "Could not save batch of {Count} notes after retries; their leases will expire and they will be labeled again")]
    public static partial void BatchAbandoned(ILogger logger, int count);

    [LoggerMessage(1030, LogLevel.Information, "Stopping: {Released} leased notes released")]
    public static partial void LeasesReleased(ILogger logger, int released);

    [LoggerMessage(1031, LogLevel.Information, "Stop requested; finishing the batch in hand ({Count} notes)")]
    public static partial void FinishingBatch(ILogger logger, int count);

    [LoggerMessage(1032, LogLevel.Warning, "Batch not finished within the stop grace period; releasing its {Count} notes")]
    public static partial void BatchCancelled(ILogger logger, int count);

    [LoggerMessage(1040, LogLevel.Information, "File {File} claimed")]
    public static partial void FileClaimed(ILogger logger, string file);

    [LoggerMessage(1041, LogLevel.Information, "File {File} done: {Labeled} notes labeled, {Failed} failed; moved to {Folder}")]
    public static partial void FileDone(ILogger logger, string file, int labeled, int failed, string folder);

    [LoggerMessage(1042, LogLevel.Information, "File {File} left in processing by an earlier run; back to inbox")]
    public static partial void FileRecovered(ILogger logger, string file);

    [LoggerMessage(1050, LogLevel.Information, "Health endpoint on http://127.0.0.1:{Port}/healthz")]
    public static partial void HealthListening(ILogger logger, int port);

    [LoggerMessage(1051, LogLevel.Warning, "Health endpoint could not start on 127.0.0.1:{Port} ({ExceptionType}); the worker runs without it")]
    public static partial void HealthFailed(ILogger logger, int port, string exceptionType);
}
