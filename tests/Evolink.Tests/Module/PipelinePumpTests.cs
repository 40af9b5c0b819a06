using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Commands;
using Xunit;

namespace Evolink.Tests;

/// <summary>
/// The hand-over from background work to the pipeline thread. A plain
/// Invoke-EvolinkChat once hung because the delivery was counted on the
/// worker after it had posted: a worker held between posting and counting
/// left the pipeline thread waiting for a delivery it had already run.
/// </summary>
public sealed class PipelinePumpTests
{
    [Fact]
    public async Task A_delivery_whose_worker_is_held_right_after_posting_is_not_waited_for_again()
    {
        using var pump = new PipelinePump();
        var written = new List<int>();
        var deliver = pump.Deliverer<BatchItem<int>>(item => written.Add(item.Result));
        using var release = new ManualResetEventSlim();
        // The worker posts, then is held before it returns: the window the old count fell into.
        using var batch = new OrderedBatch<int>(1, item =>
        {
            deliver(item);
            release.Wait(TimeSpan.FromSeconds(10));
        });
        pump.Expect();
        batch.Add("input", async _ =>
        {
            await Task.Yield();
            return 42;
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var pumping = Task.Run(() => pump.PumpUntil(() => pump.Owed == 0, limit.Token));
        var finished = await Task.WhenAny(pumping, Task.Delay(TimeSpan.FromSeconds(3))) == pumping;
        release.Set();
        Assert.True(finished, "The pipeline thread waited for a delivery it had already written.");
        await pumping;
        Assert.Equal(new[] { 42 }, written);
        Assert.Equal(0, pump.Owed);
    }

    [Fact]
    public async Task Every_delivery_of_a_concurrent_batch_is_written_once_on_the_pumping_thread()
    {
        using var pump = new PipelinePump();
        var written = new List<int>();
        int? pumpThread = null;
        var otherThreads = 0;
        var deliver = pump.Deliverer<BatchItem<int>>(item =>
        {
            if (Environment.CurrentManagedThreadId != pumpThread)
                otherThreads++;
            written.Add(item.Result);
        });
        using var batch = new OrderedBatch<int>(8, deliver);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Task.Run(() =>
        {
            pumpThread = Environment.CurrentManagedThreadId;
            for (var i = 0; i < 2000; i++)
            {
                var value = i;
                pump.PumpUntil(() => pump.Owed < 16, limit.Token);
                pump.Expect();
                batch.Add(value, async _ =>
                {
                    await Task.Yield();
                    return value;
                });
            }
            pump.PumpUntil(() => pump.Owed == 0, limit.Token);
        });
        Assert.Equal(2000, written.Count);
        for (var i = 0; i < written.Count; i++)
            Assert.Equal(i, written[i]);
        Assert.Equal(0, otherThreads);
    }

    [Fact]
    public void Work_posted_after_the_command_ended_is_dropped_without_an_exception()
    {
        var pump = new PipelinePump();
        pump.Dispose();
        pump.Post(() => throw new InvalidOperationException("must not run"));
        pump.PumpReady();
    }
}
