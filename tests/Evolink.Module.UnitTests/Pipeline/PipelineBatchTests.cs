using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Commands;
using Xunit;

namespace Evolink.Module.UnitTests;

/// <summary>
/// A command's batch as the pipeline thread drives it: every outcome handed
/// over once, in input order, on that thread; no more than the read-ahead
/// taken ahead of the output; nothing owed once it is drained.
/// </summary>
public sealed class PipelineBatchTests
{
    [Fact]
    public async Task Every_outcome_of_a_concurrent_batch_is_handed_over_once_in_order_on_the_pipeline_thread()
    {
        using var pump = new PipelinePump();
        var written = new List<int>();
        var elsewhere = 0;
        await Task.Run(() =>
        {
            var pipeline = Environment.CurrentManagedThreadId;
            using var batch = new PipelineBatch<int>(pump, 8, ordered: true, item =>
            {
                if (Environment.CurrentManagedThreadId != pipeline)
                    elsewhere++;
                written.Add(item.Result);
            }, CancellationToken.None);
            for (var i = 0; i < 2000; i++)
            {
                var value = i;
                batch.Add(value, async _ =>
                {
                    await Task.Yield();
                    return value;
                });
            }
            batch.Drain();
        });

        Assert.Equal(2000, written.Count);
        for (var i = 0; i < written.Count; i++)
            Assert.Equal(i, written[i]);
        Assert.Equal(0, elsewhere);
    }

    [Fact]
    public void No_more_than_twice_the_throttle_limit_is_taken_ahead_of_the_output()
    {
        using var pump = new PipelinePump();
        var started = 0;
        var handedBack = 0;
        var mostAhead = 0;
        using var batch = new PipelineBatch<int>(pump, 3, ordered: true, _ => handedBack++, CancellationToken.None);

        for (var i = 0; i < 30; i++)
        {
            batch.Add(i, async _ =>
            {
                await Task.Delay(20);
                return 0;
            });
            started++;
            mostAhead = Math.Max(mostAhead, started - handedBack);
        }
        batch.Drain();

        Assert.Equal(30, handedBack);
        Assert.Equal(6, mostAhead);
    }

    [Fact]
    public void A_failed_input_is_handed_over_as_its_own_error_and_the_others_go_on()
    {
        using var pump = new PipelinePump();
        var outcomes = new List<string>();
        using var batch = new PipelineBatch<int>(pump, 2, ordered: true,
            item => outcomes.Add(item.Error is null ? $"{item.Input}={item.Result}" : $"{item.Input}:{item.Error.Message}"), CancellationToken.None);

        batch.Add("a", _ => Task.FromResult(1));
        batch.Add("b", _ => Task.FromException<int>(new InvalidOperationException("refused")));
        batch.Add("c", _ => Task.FromResult(3));
        batch.Drain();

        Assert.Equal(new[] { "a=1", "b:refused", "c=3" }, outcomes);
    }

    [Fact]
    public void Ctrl_C_ends_a_wait_for_the_output_as_a_stopped_pipeline()
    {
        using var pump = new PipelinePump();
        using var stop = new CancellationTokenSource();
        using var batch = new PipelineBatch<int>(pump, 1, ordered: true, _ => { }, stop.Token);
        batch.Add(0, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });
        stop.CancelAfter(100);

        Assert.Throws<PipelineStoppedException>(() => batch.Drain());
    }
}
