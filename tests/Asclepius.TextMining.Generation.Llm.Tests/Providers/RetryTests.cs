using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Llm;

namespace Asclepius.TextMining.Generation.Llm.Tests.Providers;

public sealed class RetryTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_after_reads_milliseconds_seconds_and_http_dates()
    {
        RetryAfter.Parse("1500", "9", Now).Should().Be(TimeSpan.FromMilliseconds(1500), "retry-after-ms wins");
        RetryAfter.Parse(null, "7", Now).Should().Be(TimeSpan.FromSeconds(7));
        RetryAfter.Parse(null, "Wed, 01 Jan 2025 12:00:30 GMT", Now).Should().Be(TimeSpan.FromSeconds(30));
        RetryAfter.Parse(null, "Wed, 01 Jan 2025 11:00:00 GMT", Now).Should().Be(TimeSpan.Zero);
        RetryAfter.Parse(null, "soon", Now).Should().BeNull();
        RetryAfter.Parse(null, null, Now).Should().BeNull();
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var policy = new CallRetryPolicy(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(1000) }, TimeSpan.FromSeconds(1));
        policy.DelayFor(1, null).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        policy.DelayFor(3, null).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(400));
        policy.DelayFor(10, null).Should().Be(TimeSpan.FromMilliseconds(1000));
        policy.DelayFor(1, TimeSpan.FromMilliseconds(700)).Should().Be(TimeSpan.FromMilliseconds(700));
        policy.DelayFor(1, TimeSpan.FromSeconds(60)).Should().Be(TimeSpan.FromMilliseconds(1000));
    }

    [Fact]
    public async Task Transport_errors_and_timeouts_are_retried_then_fail_with_the_count()
    {
        var policy = new CallRetryPolicy(new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) }, TimeSpan.FromMilliseconds(50));
        var retried = new Dictionary<string, int>();
        var calls = 0;
        var act = () => policy.ExecuteAsync<int>(async ct =>
        {
            calls++;
            if (calls == 1) throw new HttpRequestException("connection reset");
            // Hangs until the 50 ms per-attempt timeout cancels it: a finite delay (it was 1 s) could complete
            // first on a machine so loaded that both timers fired in one late pass.
            await Task.Delay(Timeout.Infinite, ct);
            return 1;
        }, retried, default);

        (await act.Should().ThrowAsync<TextMiningException>()).Which.Message.Should().Contain("3 attempts").And.Contain("timeout");
        calls.Should().Be(3);
        retried.Should().Contain("transport", 1).And.Contain("timeout", 1);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_timeout()
    {
        var policy = new CallRetryPolicy(new RetryOptions(), TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(50);
        var act = () => policy.ExecuteAsync<int>(async ct => { await Task.Delay(5000, ct); return 1; }, new Dictionary<string, int>(), cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        var policy = new CallRetryPolicy(new RetryOptions { MaxAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(1) }, TimeSpan.FromSeconds(1));
        var retried = new Dictionary<string, int>();
        var calls = 0;
        var act = () => policy.ExecuteAsync<int>(_ => { calls++; throw new HttpRequestException("connection reset"); }, retried, default);

        (await act.Should().ThrowAsync<TextMiningException>()).Which.Message.Should().Contain("1 attempts").And.Contain("transport");
        calls.Should().Be(1);
        retried.Should().BeEmpty();
    }
}
