using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Commands;
using Xunit;
using Evolink.Chat;

namespace Evolink.Module.UnitTests;

/// <summary>Streamed chunks carried to the pipeline thread in bursts: all of them, in order, one host write per burst.</summary>
public sealed class ChunkRelayTests
{
    private static ChatChunk Chunk(string text) => new() { Choices = { new ChunkChoice { Delta = new ChunkDelta { Content = text } } } };

    [Fact]
    public void Chunks_queued_before_a_drain_runs_are_handled_in_one_burst_in_order()
    {
        var posted = new List<System.Action>();
        var seen = new List<string>();
        var relay = new ChunkRelay(posted.Add, c => seen.Add(c.ToString()), CancellationToken.None);
        foreach (var word in new[] { "a", "b", "c" })
            relay.Add(Chunk(word));

        Assert.Single(posted);
        posted[0]();
        Assert.Equal(new[] { "a", "b", "c" }, seen);
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
        var relay = new ChunkRelay(pump.Post, c => seen.Add(c.ToString()), CancellationToken.None);
        // As Invoke-EvolinkChat -AsChunk does: the stream is awaited while its chunks are written, then what waits is drained.
        pump.Await(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
                relay.Add(Chunk(i.ToString()));
            return 0;
        }), CancellationToken.None, CancellationToken.None);
        relay.DrainNow();
        await Task.CompletedTask;
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i.ToString()), seen);
    }

    [Fact]
    public void The_host_gets_one_write_per_burst_and_reasoning_keeps_its_place()
    {
        var writes = new List<string>();
        var posted = new System.Collections.Concurrent.ConcurrentQueue<System.Action>();
        var text = new HostText(writes.Add, t => writes.Add("[dim]" + t), posted.Enqueue);
        text.Add(Chunk("one "));
        text.Add(Chunk("two "));
        // One burst is asked for; the pipeline thread runs it.
        Assert.Single(posted);
        Assert.True(posted.TryDequeue(out var burst));
        burst!();
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
        var text = new HostText(t => { written.Append(t); writes++; }, null, pump.Post);
        // As Invoke-EvolinkChat -Stream does: the stream is awaited while its text is written in bursts, then the line is ended.
        pump.Await(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
                text.Add(Chunk(i + " "));
            return 0;
        }), CancellationToken.None, CancellationToken.None);
        text.Complete();
        await Task.CompletedTask;

        Assert.Equal(string.Concat(Enumerable.Range(0, 20_000).Select(i => i + " ")) + System.Environment.NewLine, written.ToString());
        Assert.InRange(writes, 2, 10_000);
    }

    [Fact]
    public void With_a_gap_the_first_signal_goes_at_once_the_next_waits_and_RunNow_hands_over_what_waits()
    {
        var posted = new List<System.Action>();
        var runs = 0;
        var signal = new BurstSignal(posted.Add, () => runs++, System.TimeSpan.FromSeconds(30));
        signal.Signal();
        Assert.Single(posted);
        posted[0]();
        signal.Signal();
        signal.Signal();
        // Within the gap nothing more is posted; the end of the reply hands the rest over.
        Assert.Single(posted);
        signal.RunNow();
        Assert.Equal(2, runs);
    }

    [Fact]
    public void At_the_end_of_a_reply_DrainNow_hands_over_the_chunks_whose_burst_has_not_run()
    {
        var seen = new List<string>();
        var relay = new ChunkRelay(_ => { }, c => seen.Add(c.ToString()), CancellationToken.None);
        relay.Add(Chunk("first"));
        relay.Add(Chunk("second"));

        relay.DrainNow();

        Assert.Equal(new[] { "first", "second" }, seen);
    }

    [Fact]
    public async Task A_pipeline_slower_than_the_stream_keeps_at_most_the_capacity_waiting_and_the_stream_waits_for_room()
    {
        var posted = new System.Collections.Concurrent.ConcurrentQueue<System.Action>();
        var seen = new List<string>();
        var added = 0;
        var relay = new ChunkRelay(posted.Enqueue, c => seen.Add(c.ToString()), CancellationToken.None);
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
        await UntilFilled(() => System.Threading.Volatile.Read(ref added));
        await Task.Delay(200);
        Assert.Equal(ChunkRelay.Capacity, System.Threading.Volatile.Read(ref added));
        Assert.False(producer.IsCompleted);

        // The pipeline thread drains as the stream goes on: everything arrives, in order.
        await DrainWhileStreaming(producer, posted, relay);
        Assert.Equal(Enumerable.Range(0, total).Select(i => i.ToString()), seen);
    }

    [Fact]
    public async Task A_full_relay_lets_the_stream_go_on_only_once_half_of_it_is_taken_not_at_every_chunk()
    {
        var posted = new System.Collections.Concurrent.ConcurrentQueue<System.Action>();
        var added = 0;
        var addedWhileTaking = new List<int>();
        var relay = new ChunkRelay(posted.Enqueue, c =>
        {
            // A few chunks into the drain, time for a woken network thread to add more.
            if (addedWhileTaking.Count == 10)
                Thread.Sleep(100);
            addedWhileTaking.Add(Volatile.Read(ref added));
        }, CancellationToken.None);
        var total = 2 * ChunkRelay.Capacity;
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < total; i++)
            {
                relay.Add(Chunk("x"));
                Interlocked.Increment(ref added);
            }
        });
        await UntilFilled(() => Volatile.Read(ref added));

        await DrainWhileStreaming(producer, posted, relay);

        // Until half the relay was taken the network thread stayed asleep; then it filled the room in one go.
        Assert.Equal(total, addedWhileTaking.Count);
        Assert.All(addedWhileTaking.Take(ChunkRelay.Capacity / 2 - 1), seen => Assert.Equal(ChunkRelay.Capacity, seen));
    }

    /// <summary>Waits until the network thread has filled the relay (ten seconds at most).</summary>
    private static async Task UntilFilled(System.Func<int> added)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (added() < ChunkRelay.Capacity && clock.Elapsed < System.TimeSpan.FromSeconds(10))
            await Task.Delay(5);
    }

    /// <summary>The pipeline thread's part: runs each drain as it is posted until the stream has ended, then what still waits.</summary>
    private static async Task DrainWhileStreaming(Task producer, System.Collections.Concurrent.ConcurrentQueue<System.Action> posted, ChunkRelay relay)
    {
        while (!producer.IsCompleted || !posted.IsEmpty)
        {
            if (posted.TryDequeue(out var drain))
                drain();
            else
                await Task.Delay(1);
        }
        await producer;
        relay.DrainNow();
    }

    [Fact]
    public async Task Ctrl_C_ends_a_wait_for_room_on_the_network_thread()
    {
        using var stop = new System.Threading.CancellationTokenSource();
        var relay = new ChunkRelay(_ => { }, _ => { }, stop.Token);
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
