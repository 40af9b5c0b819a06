using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Commands;
using Xunit;

namespace Evolink.Module.UnitTests;

/// <summary>
/// The hand-over from background work to the pipeline thread: a wait ends by
/// the work's own end, after everything the work posted, and Ctrl+C ends it
/// as a stopped pipeline.
/// </summary>
public sealed class PipelinePumpTests
{
    [Fact]
    public void Await_runs_everything_the_work_posted_on_the_waiting_thread_before_it_returns_the_result()
    {
        using var pump = new PipelinePump();
        var seen = new List<int>();
        var waiting = Environment.CurrentManagedThreadId;
        var elsewhere = 0;

        var result = pump.Await(async token =>
        {
            for (var i = 0; i < 5000; i++)
            {
                var value = i;
                pump.Post(() =>
                {
                    if (Environment.CurrentManagedThreadId != waiting)
                        elsewhere++;
                    seen.Add(value);
                });
                if (i % 100 == 0)
                    await Task.Yield();
            }
            return 42;
        }, CancellationToken.None, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(5000, seen.Count);
        Assert.Equal(0, elsewhere);
        for (var i = 0; i < seen.Count; i++)
            Assert.Equal(i, seen[i]);
    }

    [Fact]
    public async Task Work_that_ends_at_once_or_much_later_ends_the_wait_every_time()
    {
        using var pump = new PipelinePump();
        for (var i = 0; i < 500; i++)
            Assert.Equal(i, pump.Await(_ => Task.FromResult(i), CancellationToken.None, CancellationToken.None));
        Assert.Equal(7, pump.Await(async _ =>
        {
            await Task.Delay(200);
            return 7;
        }, CancellationToken.None, CancellationToken.None));
        await Task.CompletedTask;
    }

    [Fact]
    public void The_work_s_exception_comes_back_to_the_waiting_thread_as_it_is()
    {
        using var pump = new PipelinePump();

        var error = Assert.Throws<InvalidOperationException>(() =>
            pump.Await<int>(_ => throw new InvalidOperationException("from the work"), CancellationToken.None, CancellationToken.None));

        Assert.Equal("from the work", error.Message);
    }

    [Fact]
    public async Task Ctrl_C_ends_the_wait_at_once_as_a_stopped_pipeline_and_cancels_the_work()
    {
        using var pump = new PipelinePump();
        using var stop = new CancellationTokenSource();
        var workCancelled = new TaskCompletionSource<bool>();
        stop.CancelAfter(200);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<PipelineStoppedException>(() => pump.Await(async token =>
        {
            using var registration = token.Register(() => workCancelled.TrySetResult(true));
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }, stop.Token, stop.Token));

        Assert.InRange(clock.ElapsedMilliseconds, 150, 2000);
        Assert.Same(workCancelled.Task, await Task.WhenAny(workCancelled.Task, Task.Delay(TimeSpan.FromSeconds(2))));
    }

    [Fact]
    public void A_turn_cancelled_on_its_own_token_comes_back_as_cancelled_work_not_a_stopped_pipeline()
    {
        using var pump = new PipelinePump();
        using var turn = new CancellationTokenSource(100);

        Assert.ThrowsAny<OperationCanceledException>(() => pump.Await(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }, turn.Token, CancellationToken.None));
    }

    [Fact]
    public void Work_posted_after_the_command_ended_is_dropped_without_an_exception()
    {
        var pump = new PipelinePump();
        pump.Dispose();
        pump.Post(() => throw new InvalidOperationException("must not run"));
        pump.RunReady();
    }
}
