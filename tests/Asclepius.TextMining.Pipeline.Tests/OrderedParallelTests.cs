namespace Asclepius.TextMining.Pipeline.Tests;

public class OrderedParallelTests
{
    [Fact]
    public void Results_come_back_in_input_order()
    {
        var result = OrderedParallel.Select(Enumerable.Range(0, 500), i => { Thread.SpinWait((500 - i) * 50); return i * 2; }, 4).ToList();
        result.Should().Equal(Enumerable.Range(0, 500).Select(i => i * 2));
    }

    [Fact]
    public void Reads_only_a_small_window_ahead_of_the_consumer()
    {
        var read = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 10_000; i++) { Interlocked.Increment(ref read); yield return i; }
        }
        using var e = OrderedParallel.Select(Source(), i => i, 2).GetEnumerator();
        for (var i = 0; i < 10; i++) e.MoveNext();
        Thread.Sleep(100);
        Volatile.Read(ref read).Should().BeLessThan(40, "at most parallelism x 4 items are in flight");
    }

    [Fact]
    public void A_failing_map_surfaces_its_exception()
    {
        var act = () => OrderedParallel.Select(Enumerable.Range(0, 100), i => i == 50 ? throw new InvalidOperationException("boom") : i, 3).ToList();
        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
    }

    [Fact]
    public void A_failing_source_surfaces_its_exception()
    {
        IEnumerable<int> Source()
        {
            yield return 1;
            throw new IOException("disk gone");
        }
        var act = () => OrderedParallel.Select(Source(), i => i, 2).ToList();
        act.Should().Throw<IOException>();
    }

    [Fact]
    public void Cancellation_stops_the_enumeration()
    {
        using var cts = new CancellationTokenSource();
        var act = () =>
        {
            foreach (var i in OrderedParallel.Select(Enumerable.Range(0, 1_000_000), i => i, 2, cts.Token))
                if (i == 100) cts.Cancel();
        };
        act.Should().Throw<OperationCanceledException>();
    }
}
