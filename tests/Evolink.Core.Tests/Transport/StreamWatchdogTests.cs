using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Evolink.Transport;

namespace Evolink.Core.Tests;

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

    /// <summary>A clock the test moves by hand; the watchdog's own timer plays no part.</summary>
    private sealed class Clock
    {
        public long Now { get; private set; } = 1_000_000;
        public void Pass(TimeSpan time) => Now += (long)(time.TotalSeconds * Stopwatch.Frequency);
    }

    [Fact]
    public void Time_between_reads_is_not_silence_however_long()
    {
        var body = new Body();
        var clock = new Clock();
        using var watchdog = new StreamWatchdog(Limit, CancellationToken.None, body, () => clock.Now);

        watchdog.Arm();
        clock.Pass(Limit / 10);
        watchdog.Disarm();
        // The consumer is busy for ten limits (a slow host, a confirmation prompt): nothing is being read.
        clock.Pass(Limit * 10);
        Assert.Equal(Limit, watchdog.Due());
        watchdog.Arm();
        clock.Pass(Limit / 3);

        Assert.InRange(watchdog.Due()!.Value.TotalMilliseconds, (Limit - Limit / 3).TotalMilliseconds - 1, (Limit - Limit / 3).TotalMilliseconds + 1);
        Assert.False(watchdog.TimedOut);
        Assert.False(body.Disposed);
    }

    [Fact]
    public void Each_read_gets_the_whole_limit_from_its_own_start_and_one_silent_that_long_ends_the_stream()
    {
        var body = new Body();
        var clock = new Clock();
        using var watchdog = new StreamWatchdog(Limit, CancellationToken.None, body, () => clock.Now);

        // Reads of half the limit each, four limits in all: never silent for a whole limit.
        for (var read = 0; read < 8; read++)
        {
            watchdog.Arm();
            clock.Pass(Limit / 2);
            Assert.NotNull(watchdog.Due());
            watchdog.Disarm();
        }
        Assert.False(watchdog.TimedOut);

        watchdog.Arm();
        clock.Pass(Limit - TimeSpan.FromMilliseconds(1));
        Assert.InRange(watchdog.Due()!.Value.TotalMilliseconds, 0.9, 1.1);
        clock.Pass(TimeSpan.FromMilliseconds(1));

        Assert.Null(watchdog.Due());
        Assert.True(watchdog.TimedOut);
        Assert.True(body.Disposed);
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
