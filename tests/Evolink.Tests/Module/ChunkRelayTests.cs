using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Evolink.Commands;
using Xunit;

namespace Evolink.Tests.Module;

/// <summary>Streamed chunks carried to the pipeline thread in bursts: all of them, in order, one host write per burst.</summary>
public sealed class ChunkRelayTests
{
    private static ChatChunk Chunk(string text) => new() { Choices = { new ChunkChoice { Delta = new ChunkDelta { Content = text } } } };

    [Fact]
    public void Chunks_queued_before_a_drain_runs_are_handled_in_one_burst_in_order()
    {
        var posted = new List<System.Action>();
        var seen = new List<string>();
        var bursts = 0;
        var relay = new ChunkRelay(posted.Add, c => seen.Add(c.ToString()), () => bursts++);
        foreach (var word in new[] { "a", "b", "c" })
            relay.Add(Chunk(word));

        Assert.Single(posted);
        posted[0]();
        Assert.Equal(new[] { "a", "b", "c" }, seen);
        Assert.Equal(1, bursts);
        // The next chunk finds no drain pending and asks for one.
        relay.Add(Chunk("d"));
        Assert.Equal(2, posted.Count);
        posted[1]();
        Assert.Equal("abcd", string.Concat(seen));
    }

    [Fact]
    public async Task Nothing_is_lost_when_chunks_arrive_from_another_thread_while_drains_run()
    {
        using var pump = new PipelinePump();
        var seen = new List<string>();
        var relay = new ChunkRelay(pump.Post, c => seen.Add(c.ToString()), () => { });
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
                relay.Add(Chunk(i.ToString()));
        });
        // As the cmdlets do: the end of the work is itself posted, so the pump cannot sleep through it.
        _ = producer.ContinueWith(_ => pump.Post(() => { }), TaskScheduler.Default);
        pump.PumpUntil(() => producer.IsCompleted, new System.Threading.CancellationTokenSource(System.TimeSpan.FromSeconds(30)).Token);
        await producer;
        pump.PumpReady();
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i.ToString()), seen);
    }

    [Fact]
    public void The_host_gets_one_write_per_burst_and_reasoning_keeps_its_place()
    {
        var writes = new List<string>();
        var text = new HostText(writes.Add, t => writes.Add("[dim]" + t));
        text.Add(Chunk("one "));
        text.Add(Chunk("two "));
        text.Flush();
        text.Add(new ChatChunk { Choices = { new ChunkChoice { Delta = new ChunkDelta { ReasoningContent = "thinking" } } } });
        text.Add(Chunk("three"));
        text.Complete();
        // One write per run: the reasoning with the line break that ends it, then the answer with the one that ends the reply.
        Assert.Equal(new[] { "one two ", "[dim]thinking" + System.Environment.NewLine, "three" + System.Environment.NewLine }, writes);
    }

    [Fact]
    public async Task Text_added_from_another_thread_while_flushes_run_is_written_whole_and_in_order()
    {
        using var pump = new PipelinePump();
        var written = new System.Text.StringBuilder();
        var writes = 0;
        var text = new HostText(t => { written.Append(t); writes++; }, null);
        var shown = new BurstSignal(pump.Post, text.Flush, System.TimeSpan.FromMilliseconds(1));
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                text.Add(Chunk(i + " "));
                shown.Signal();
            }
        });
        // As the cmdlets do: the end of the work is itself posted, so the pump cannot sleep through it.
        _ = producer.ContinueWith(_ => pump.Post(() => { }), TaskScheduler.Default);
        pump.PumpUntil(() => producer.IsCompleted, new System.Threading.CancellationTokenSource(System.TimeSpan.FromSeconds(30)).Token);
        await producer;
        pump.PumpReady();
        text.Complete();

        Assert.Equal(string.Concat(Enumerable.Range(0, 20_000).Select(i => i + " ")) + System.Environment.NewLine, written.ToString());
        Assert.InRange(writes, 2, 10_000);
    }

    [Fact]
    public void With_a_gap_the_first_chunk_goes_at_once_the_next_wait_and_DrainNow_hands_over_what_waits()
    {
        var posted = new List<System.Action>();
        var seen = new List<string>();
        var relay = new ChunkRelay(posted.Add, c => seen.Add(c.ToString()), () => { }, System.TimeSpan.FromSeconds(30));
        relay.Add(Chunk("first"));
        Assert.Single(posted);
        posted[0]();
        relay.Add(Chunk("second"));
        relay.Add(Chunk("third"));
        // Within the gap nothing more is posted; the end of the reply hands the rest over.
        Assert.Single(posted);
        relay.DrainNow();
        Assert.Equal(new[] { "first", "second", "third" }, seen);
    }

    [Fact]
    public async Task A_pipeline_slower_than_the_stream_keeps_at_most_the_capacity_waiting_and_the_stream_waits_for_room()
    {
        var posted = new System.Collections.Concurrent.ConcurrentQueue<System.Action>();
        var seen = new List<string>();
        var added = 0;
        var relay = new ChunkRelay(posted.Enqueue, c => seen.Add(c.ToString()), () => { });
        var total = 3 * ChunkRelay.Capacity;
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < total; i++)
            {
                relay.Add(Chunk(i.ToString()));
                System.Threading.Interlocked.Increment(ref added);
            }
        });

        // Nothing drains yet: the network thread stops once the relay is full.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (System.Threading.Volatile.Read(ref added) < ChunkRelay.Capacity && clock.Elapsed < System.TimeSpan.FromSeconds(10))
            await Task.Delay(5);
        await Task.Delay(200);
        Assert.Equal(ChunkRelay.Capacity, System.Threading.Volatile.Read(ref added));
        Assert.False(producer.IsCompleted);

        // The pipeline thread drains as the stream goes on: everything arrives, in order.
        while (!producer.IsCompleted || !posted.IsEmpty)
        {
            if (posted.TryDequeue(out var drain))
                drain();
            else
                await Task.Delay(1);
        }
        await producer;
        relay.DrainNow();
        Assert.Equal(Enumerable.Range(0, total).Select(i => i.ToString()), seen);
    }

    [Fact]
    public async Task Ctrl_C_ends_a_wait_for_room_on_the_network_thread()
    {
        using var stop = new System.Threading.CancellationTokenSource();
        var relay = new ChunkRelay(_ => { }, _ => { }, () => { }, stopped: stop.Token);
        var producer = Task.Run(() =>
        {
            for (var i = 0; i <= ChunkRelay.Capacity; i++)
                relay.Add(Chunk("x"));
        });
        await Task.Delay(200);
        Assert.False(producer.IsCompleted);

        stop.Cancel();

        await Assert.ThrowsAnyAsync<System.OperationCanceledException>(() => producer);
    }
}
