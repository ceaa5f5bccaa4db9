using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Logging;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Asclepius.TextMining.Worker.Labeling;

/// <summary>
/// The worker's back-off while the note store is away (Polly retry pipelines). Only a transient
/// <see cref="NoteStoreException"/> is retried; any other error goes to the caller at once.
/// <list type="bullet">
/// <item><see cref="UntilStoppedAsync"/>: claims, status and start-up are retried until the worker stops
/// (0.5 s, doubling, capped at Worker:MaxBackoff).</item>
/// <item><see cref="WhileLeasedAsync"/>: saving a labeled batch is retried (0.25 s, doubling, same cap) only
/// as long as the batch's leases are still ours (Source:LeaseDuration); then it is given up, and the notes
/// are labeled again once their leases expire.</item>
/// </list>
/// Each wait is logged (code and exception type, never a message) and <see cref="WorkerStatus.StoreReachable"/>
/// follows what the last call found.
/// </summary>
internal sealed class StoreRetry
{
    private readonly string _store;
    private readonly WorkerStatus _status;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _untilStopped;
    private readonly ResiliencePipeline _whileLeased;

    public StoreRetry(string store, WorkerStatus status, ILogger logger, TimeSpan maxBackoff, TimeSpan leaseDuration)
    {
        _store = store;
        _status = status;
        _logger = logger;
        _untilStopped = new ResiliencePipelineBuilder()
            .AddRetry(Backoff(TimeSpan.FromMilliseconds(500), maxBackoff, int.MaxValue))
            .Build();
        // The timeout is outside the retry: it cuts a back-off wait that would outlast the leases. The save
        // itself is not given the token (a commit is never cut half-way), so it always ends on its own.
        _whileLeased = new ResiliencePipelineBuilder()
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(leaseDuration) })
            .AddRetry(Backoff(TimeSpan.FromMilliseconds(250), maxBackoff, int.MaxValue))
            .Build();
    }

    /// <summary>Runs a store call, backing off while the store is unreachable. Default when the worker stops first.</summary>
    public async Task<T?> UntilStoppedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken stoppingToken)
    {
        try
        {
            return Reached(await _untilStopped.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return default;
        }
    }

    /// <summary>Saves a labeled batch, backing off while the store is unreachable; null when the leases ran out first.</summary>
    public async Task<T?> WhileLeasedAsync<T>(Func<Task<T>> save) where T : struct
    {
        try
        {
            return Reached(await _whileLeased.ExecuteAsync(async _ => await save().ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || ex is NoteStoreException { Transient: true })
        {
            _status.StoreReachable = false;
            return null;
        }
    }

    private T Reached<T>(T result)
    {
        if (!_status.StoreReachable) Log.StoreRecovered(_logger, _store);
        _status.StoreReachable = true;
        return result;
    }

    private RetryStrategyOptions Backoff(TimeSpan first, TimeSpan max, int attempts) => new()
    {
        MaxRetryAttempts = attempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = false,
        Delay = first,
        MaxDelay = max,
        ShouldHandle = new PredicateBuilder().Handle<NoteStoreException>(ex => ex.Transient),
        OnRetry = args =>
        {
            _status.StoreReachable = false;
            var ex = (NoteStoreException)args.Outcome.Exception!;
            Log.StoreUnavailable(_logger, _store, ex.Code, ex.InnerException?.GetType().Name ?? ex.GetType().Name, (long)args.RetryDelay.TotalMilliseconds);
            return default;
        },
    };
}
