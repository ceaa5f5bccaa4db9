using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Tests.Support;

namespace Asclepius.TextMining.Worker.Tests.Labeling;

/// <summary>The worker's back-off while the store is away, without a database: calls that fail on purpose.</summary>
public sealed class StoreRetryTests
{
    private static readonly NoteStoreException Away = new("connection refused", transient: true, inner: new IOException("refused"));

    private readonly CapturingLoggerProvider _logs = new();
    private readonly WorkerStatus _status = new();

    private StoreRetry Retry(TimeSpan maxBackoff, TimeSpan lease) =>
        new("test store", _status, _logs.CreateLogger("test"), maxBackoff, lease);

    [Fact]
    public async Task A_store_call_is_retried_with_a_capped_backoff_until_the_store_answers()
    {
        var calls = 0;
        var result = await Retry(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30)).UntilStoppedAsync(_ =>
            ++calls < 4 ? throw Away : Task.FromResult(42), CancellationToken.None);

        result.Should().Be(42);
        calls.Should().Be(4);
        var waits = _logs.Entries.Where(e => e.EventId == 1020).Select(e => e.Text).ToList();
        waits.Should().HaveCount(3).And.AllSatisfy(w => w.Should().Contain("ATM702").And.Contain("IOException").And.Contain("retrying in 20 ms"));
        _logs.Entries.Should().ContainSingle(e => e.EventId == 1021, "one 'reachable again' once it answers");
        _status.StoreReachable.Should().BeTrue();
    }

    [Fact]
    public async Task Stopping_during_a_backoff_gives_up_quietly()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var result = await Retry(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)).UntilStoppedAsync<int>(_ => throw Away, stop.Token);

        result.Should().Be(0);
        _status.StoreReachable.Should().BeFalse();
    }

    [Fact]
    public async Task A_fault_that_is_not_transient_is_not_retried()
    {
        var calls = 0;
        var act = () => Retry(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)).UntilStoppedAsync<int>(_ =>
        {
            calls++;
            throw new NoteStoreException("permission denied", transient: false);
        }, CancellationToken.None);

        await act.Should().ThrowAsync<NoteStoreException>();
        calls.Should().Be(1);
    }

    [Fact]
    public async Task A_save_is_retried_while_the_leases_last_then_given_up()
    {
        var calls = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A lease of 100 back-offs: with 300 ms, a loaded CI machine spent it all on the first (cold) call.
        var saved = await Retry(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2)).WhileLeasedAsync<int>(() =>
        {
            calls++;
            throw Away;
        });

        saved.Should().BeNull("the leases ran out before the store came back");
        calls.Should().BeGreaterThan(2);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        _status.StoreReachable.Should().BeFalse();
    }

    [Fact]
    public async Task A_save_that_gets_through_returns_its_count()
    {
        var calls = 0;
        var saved = await Retry(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(30)).WhileLeasedAsync(() => ++calls < 3 ? throw Away : Task.FromResult(7));

        saved.Should().Be(7);
        _status.StoreReachable.Should().BeTrue();
    }
}
