using System.Threading.Tasks.Dataflow;

namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// Maps a lazily read sequence on several threads and yields the results in input order, holding at most
/// a small window of items in memory: a 5-million-token archive streams through without being loaded.
/// The source is enumerated on one thread (readers need not be thread-safe). A TPL Dataflow
/// <see cref="TransformBlock{TInput,TOutput}"/> does the work: it keeps input order and its bounded capacity
/// is the window (items waiting, being mapped and mapped but not yet taken).
/// </summary>
public static class OrderedParallel
{
    /// <summary>The most threads one call uses, whatever it is asked.</summary>
    public const int MaxParallelism = 1024;

    public static IEnumerable<TOut> Select<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int parallelism, CancellationToken cancellationToken = default)
    {
        // More threads than this only cost memory and start-up; an absurd value must not overflow the window.
        parallelism = Math.Clamp(parallelism, 1, MaxParallelism);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var block = new TransformBlock<TIn, TOut>(map, new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = parallelism,
            BoundedCapacity = parallelism * 4,
            EnsureOrdered = true,
            SingleProducerConstrained = true,
            CancellationToken = cts.Token,
        });

        // One thread reads the source from start to end, blocking while the window is full.
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var item in source)
                    if (!block.SendAsync(item, cts.Token).GetAwaiter().GetResult()) return; // the block has failed or stopped
                block.Complete();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { }
            catch (Exception e) { ((IDataflowBlock)block).Fault(e); }
        }, CancellationToken.None);

        try
        {
            while (true)
            {
                if (block.TryReceive(out var value))
                {
                    yield return value;
                    continue;
                }
                // False once the block has completed, failed or been cancelled: its Completion says which.
                if (!block.OutputAvailableAsync(cancellationToken).GetAwaiter().GetResult()) break;
            }
            cancellationToken.ThrowIfCancellationRequested();
            block.Completion.GetAwaiter().GetResult(); // rethrows the map's or the source's exception as it was thrown
        }
        finally
        {
            // Also when the caller stops early: stop reading, let the maps in flight finish, then return.
            cts.Cancel();
            try { Task.WaitAll(producer, block.Completion); }
            catch (AggregateException) { /* failures were surfaced above; cancellation is expected here */ }
        }
    }
}
