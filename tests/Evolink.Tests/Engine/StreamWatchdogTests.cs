using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Evolink.Tests.Engine;

public sealed class StreamWatchdogTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(300);

    private sealed class Body : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task A_read_silent_past_the_limit_times_out_and_closes_the_body_close_to_the_limit()
    {
        var body = new Body();
        using var watchdog = new StreamWatchdog(Limit, CancellationToken.None, body);
        var clock = Stopwatch.StartNew();

        watchdog.Arm();
        while (!watchdog.Token.IsCancellationRequested && clock.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);

        Assert.True(watchdog.TimedOut);
        Assert.True(body.Disposed);
        Assert.InRange(clock.Elapsed.TotalMilliseconds, 280, 2000);
    }

    [Fact]
    public async Task Time_between_reads_is_not_silence_however_long()
    {
        var body = new Body();
        using var watchdog = new StreamWatchdog(Limit, CancellationToken.None, body);

        watchdog.Arm();
        watchdog.Disarm();
        // The consumer is busy for three limits (a slow host, a confirmation prompt): nothing is being read.
        await Task.Delay(Limit * 3);
        watchdog.Arm();
        await Task.Delay(Limit / 3);
        watchdog.Disarm();
        await Task.Delay(Limit);

        Assert.False(watchdog.TimedOut);
        Assert.False(body.Disposed);
    }

    [Fact]
    public async Task Reads_that_each_end_within_the_limit_go_on_past_it_in_total()
    {
        var body = new Body();
        using var watchdog = new StreamWatchdog(Limit, CancellationToken.None, body);
        var clock = Stopwatch.StartNew();

        // Each read is re-armed after the last: a read that began late in one period gets its whole limit.
        while (clock.Elapsed < Limit * 4)
        {
            watchdog.Arm();
            await Task.Delay(Limit / 2);
            watchdog.Disarm();
        }

        Assert.False(watchdog.TimedOut);
        Assert.False(body.Disposed);
    }

    [Fact]
    public void The_caller_cancelling_closes_the_body_at_once_without_a_timeout()
    {
        var body = new Body();
        using var caller = new CancellationTokenSource();
        using var watchdog = new StreamWatchdog(Limit, caller.Token, body);

        watchdog.Arm();
        caller.Cancel();

        Assert.True(body.Disposed);
        Assert.False(watchdog.TimedOut);
    }
}
