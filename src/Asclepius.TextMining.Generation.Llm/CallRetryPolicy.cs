using System.ClientModel;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Runs one LLM call with a per-attempt timeout and retries what is worth retrying: HTTP 429 (after
/// the server's Retry-After), 408 and 5xx, timeouts, broken connections and truncated response
/// bodies. Authentication and not-found errors fail at once with ATM503; other 4xx with ATM501.
/// Each retry is counted by cause ("http_429", "http_500", "timeout", "transport", "malformed_response").
/// <para>One policy serves all concurrent calls of a generator, and a server's Retry-After holds them all:
/// a 429 that asks for 20 s makes every call wait until then before its next request, instead of each
/// call finding the quota exhausted on its own. A call that used all its attempts on such passing causes
/// fails with <see cref="GenerationCallException.Transient"/> set: the runner asks its batch again later.</para>
/// </summary>
public sealed class CallRetryPolicy
{
    private readonly RetryOptions _options;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private long _holdUntilTicks; // UTC ticks before which no call sends (the latest Retry-After any call got)

    public CallRetryPolicy(RetryOptions options, TimeSpan timeout, TimeProvider? time = null)
    {
        if (options.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be >= 1");
        _options = options;
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, IDictionary<string, int> retried, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await HoldAsync(cancellationToken).ConfigureAwait(false);
            using var perCall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            perCall.CancelAfter(_timeout);
            string cause;
            TimeSpan? serverDelay = null;
            Exception last;
            try
            {
                return await attempt(perCall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                cause = "timeout";
                last = ex;
            }
            catch (ClientResultException ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ex;
                var status = ex.Status;
                if (status == 0) cause = "transport";
                else if (status == 429 || status == 408 || status >= 500) cause = $"http_{status}";
                else throw Fatal(ex, retried);
                serverDelay = ServerDelay(ex);
                if (serverDelay is { } hold) HoldAll(hold);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException)
            {
                cause = "transport";
                last = ex;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is JsonException or FormatException or KeyNotFoundException)
            {
                // The SDK could not read the response body (cut short, or not the shape it expects).
                cause = "malformed_response";
                last = ex;
            }

            if (n >= _options.MaxAttempts)
            {
                throw new GenerationCallException(ErrorCodes.ProviderFailed,
                    $"the LLM call failed after {n} attempts; last failure: {cause} ({Describe(last)})", Snapshot(retried), last, transient: true);
            }
            retried[cause] = retried.TryGetValue(cause, out var c) ? c + 1 : 1;
            await Task.Delay(DelayFor(n, serverDelay), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before attempt n+1: the server's delay when it gave one, else exponential backoff with jitter; capped at MaxDelay.</summary>
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
