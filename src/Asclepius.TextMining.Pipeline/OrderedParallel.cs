using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// Maps a lazily read sequence on several threads and yields the results in input order, holding at most
/// a small window of items in memory: a 5-million-token archive streams through without being loaded.
/// The source is enumerated on one thread (readers need not be thread-safe).
/// </summary>
public static class OrderedParallel
{
    /// <summary>The most threads one call uses, whatever it is asked.</summary>
    public const int MaxParallelism = 1024;

    public static IEnumerable<TOut> Select<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int parallelism, CancellationToken cancellationToken = default)
    {
        // More threads than this only cost memory and start-up; an absurd value must not overflow the window.
        parallelism = Math.Clamp(parallelism, 1, MaxParallelism);
        var window = parallelism * 4;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        using var slots = new SemaphoreSlim(window, window);
        var input = Channel.CreateUnbounded<(long Seq, TIn Item)>(new UnboundedChannelOptions { SingleWriter = true });
        var gate = new object();
        var results = new Dictionary<long, TOut>();
        long total = -1;
        ExceptionDispatchInfo? failure = null;

        void Fail(Exception e)
        {
            lock (gate)
            {
                failure ??= ExceptionDispatchInfo.Capture(e);
                Monitor.PulseAll(gate);
            }
        }

        var producer = Task.Run(() =>
        {
            long seq = 0;
            try
            {
                foreach (var item in source)
                {
                    slots.Wait(token);
                    input.Writer.TryWrite((seq++, item));
                }
                lock (gate)
                {
                    total = seq;
                    Monitor.PulseAll(gate);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (Exception e) { Fail(e); }
            finally { input.Writer.TryComplete(); }
        }, CancellationToken.None);

        var workers = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var (seq, item) in input.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    var result = map(item);
                    lock (gate)
                    {
                        results[seq] = result;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (Exception e) { Fail(e); }
        }, CancellationToken.None)).ToArray();

        try
        {
            for (long next = 0; ; next++)
            {
                TOut value = default!;
                var finished = false;
                lock (gate)
                {
                    while (true)
                    {
                        if (results.Remove(next, out value!)) break;
                        failure?.Throw();
                        if (total >= 0 && next >= total) { finished = true; break; }
                        cancellationToken.ThrowIfCancellationRequested();
                        // Wake now and then so a cancellation is seen even when no item completes.
                        Monitor.Wait(gate, 200);
                    }
                }
                if (finished) yield break;
                slots.Release();
                yield return value;
            }
        }
        finally
        {
            cts.Cancel();
            try { Task.WaitAll([producer, .. workers]); }
            catch (AggregateException) { /* failures were surfaced above; cancellation is expected here */ }
        }
    }
}
