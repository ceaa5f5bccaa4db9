using System.ClientModel;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Runs one LLM call with a per-attempt timeout and retries what is worth retrying (Polly: a retry pipeline
/// around a timeout pipeline): HTTP 429 (after the server's Retry-After), 408 and 5xx, timeouts, broken
/// connections and truncated response bodies. Authentication and not-found errors fail at once with ATM503; other 4xx with ATM501.
/// Each retry is counted by cause ("http_429", "http_500", "timeout", "transport", "malformed_response").
/// <para>One policy serves all concurrent calls of a generator, and a server's Retry-After holds them all:
/// a 429 that asks for 20 s makes every call wait until then before its next request, instead of each
/// call finding the quota exhausted on its own. A call that used all its attempts on such passing causes
/// fails with <see cref="GenerationCallException.Transient"/> set: the runner asks its batch again later.</para>
/// </summary>
public sealed class CallRetryPolicy
{
    private static readonly ResiliencePropertyKey<IDictionary<string, int>> Retried = new("asclepius.retried");

    private readonly RetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;      // attempts, delays and the count of retries by cause
    private readonly ResiliencePipeline _perAttempt; // the timeout of one attempt
    private long _holdUntilTicks; // UTC ticks before which no call sends (the latest Retry-After any call got)

    public CallRetryPolicy(RetryOptions options, TimeSpan timeout, TimeProvider? time = null)
    {
        if (options.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be >= 1");
        _options = options;
        _time = time ?? TimeProvider.System;
        var retry = new ResiliencePipelineBuilder { TimeProvider = _time };
        // Polly counts retries, not attempts, and needs at least one: --attempts 1 is a pipeline without retry.
        if (options.MaxAttempts > 1)
            retry.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(Cause(args.Outcome.Exception, args.Context.CancellationToken) is not null),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    DelayFor(args.AttemptNumber + 1, args.Outcome.Exception is ClientResultException c ? ServerDelay(c) : null)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(Retried, out var retried) && Cause(args.Outcome.Exception, args.Context.CancellationToken) is { } cause)
                        retried[cause] = retried.TryGetValue(cause, out var c) ? c + 1 : 1;
                    return default;
                },
            });
        _retry = retry.Build();
        // A generator, not TimeoutStrategyOptions.Timeout: that one is limited to 10 ms..24 h, --timeout is not.
        _perAttempt = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(timeout) })
            .Build();
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, IDictionary<string, int> retried, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Retried, retried);
        try
        {
            return await _retry.ExecuteAsync(async ctx =>
            {
                await HoldAsync(ctx.CancellationToken).ConfigureAwait(false);
                try
                {
                    return await _perAttempt.ExecuteAsync(async ct => await attempt(ct).ConfigureAwait(false), ctx.CancellationToken).ConfigureAwait(false);
                }
                catch (ClientResultException ex) when (ServerDelay(ex) is { } hold && Cause(ex, ctx.CancellationToken) is not null)
                {
                    HoldAll(hold);
                    throw;
                }
            }, context).ConfigureAwait(false);
        }
        catch (ClientResultException ex) when (!cancellationToken.IsCancellationRequested && Cause(ex, cancellationToken) is null)
        {
            throw Fatal(ex, retried);
        }
        catch (Exception ex) when (Cause(ex, cancellationToken) is { } cause)
        {
            throw new GenerationCallException(ErrorCodes.ProviderFailed,
                $"the LLM call failed after {_options.MaxAttempts} attempts; last failure: {cause} ({Describe(ex)})", Snapshot(retried), ex, transient: true);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Why a failed attempt is worth another ("timeout", "http_429", "transport", ...), or null when it is not:
    /// the caller's cancellation, a 4xx other than 408/429, or anything unexpected.
    /// </summary>
    private static string? Cause(Exception? ex, CancellationToken cancellationToken)
    {
        if (ex is null || cancellationToken.IsCancellationRequested) return null;
        return ex switch
        {
            // Polly's per-attempt timeout, or the SDK's own network timeout.
            TimeoutRejectedException or OperationCanceledException => "timeout",
            ClientResultException { Status: 0 } => "transport",
            ClientResultException { Status: 429 or 408 or >= 500 } c => $"http_{c.Status}",
            ClientResultException => null,
            HttpRequestException or IOException => "transport",
            // The SDK could not read the response body (cut short, or not the shape it expects).
            JsonException or FormatException or KeyNotFoundException => "malformed_response",
            _ => null,
        };
    }

    /// <summary>The wait before attempt n+1: the server's delay when it gave one, else exponential backoff with jitter; capped at MaxDelay.</summary>
    /// <remarks>Polly's own exponential backoff has another jitter (decorrelated); this keeps the documented ×0.5–1.0.</remarks>
    public TimeSpan DelayFor(int attempt, TimeSpan? serverDelay)
    {
        TimeSpan delay;
        if (serverDelay is { } s) delay = s;
        else
        {
            var exp = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
            delay = TimeSpan.FromMilliseconds(exp * (0.5 + Random.Shared.NextDouble() * 0.5));
        }
        return delay > _options.MaxDelay ? _options.MaxDelay : delay;
    }

    /// <summary>Waits while a server's Retry-After holds all calls.</summary>
    private async Task HoldAsync(CancellationToken cancellationToken)
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref _holdUntilTicks), TimeSpan.Zero) - _time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait > _options.MaxDelay ? _options.MaxDelay : wait, _time, cancellationToken).ConfigureAwait(false);
    }

    private void HoldAll(TimeSpan delay)
    {
        var until = (_time.GetUtcNow() + (delay > _options.MaxDelay ? _options.MaxDelay : delay)).UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref _holdUntilTicks)) < until && Interlocked.CompareExchange(ref _holdUntilTicks, until, seen) != seen) { }
    }

    private TimeSpan? ServerDelay(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null) return null;
        headers.TryGetValue("retry-after-ms", out var ms);
        headers.TryGetValue("Retry-After", out var ra);
        return RetryAfter.Parse(ms, ra, _time.GetUtcNow());
    }

    private static GenerationCallException Fatal(ClientResultException ex, IDictionary<string, int> retried) => ex.Status switch
    {
        401 or 403 => new GenerationCallException(ErrorCodes.ProviderConfiguration,
            $"the endpoint refused the credentials (HTTP {ex.Status}); check the key's environment variable and the endpoint", Snapshot(retried), ex),
        404 => new GenerationCallException(ErrorCodes.ProviderConfiguration,
            "the endpoint has no such model or deployment (HTTP 404); check --endpoint and --model / --deployment", Snapshot(retried), ex),
        _ => new GenerationCallException(ErrorCodes.ProviderFailed, $"the endpoint rejected the request (HTTP {ex.Status}): {BodyExcerpt(ex)}", Snapshot(retried), ex),
    };

    private static Dictionary<string, int> Snapshot(IDictionary<string, int> retried) => new(retried);

    /// <summary>The start of an error body (the server's own message; it never holds the key or any note text).</summary>
    internal static string BodyExcerpt(ClientResultException ex)
    {
        var body = Body(ex).ReplaceLineEndings(" ").Trim();
        return body.Length > 300 ? body[..300] + "…" : body;
    }

    /// <summary>The whole error body, or "" when there is none.</summary>
    internal static string Body(ClientResultException ex)
    {
        try { return ex.GetRawResponse()?.Content?.ToString() ?? ""; }
        catch (Exception) { return ""; }
    }

    private static string Describe(Exception ex) => ex is ClientResultException c ? $"HTTP {c.Status}" : ex.GetType().Name;
}
