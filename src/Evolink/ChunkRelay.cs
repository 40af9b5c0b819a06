using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Evolink.Commands;

/// <summary>
/// Carries streamed chunks to the pipeline thread in bursts: the network
/// thread queues each chunk and posts one drain only when none is pending,
/// and the drain handles every chunk that has arrived by then, then ends the
/// burst (one host write for all its text). A fast stream costs one wake-up
/// per burst instead of one per chunk; a slow one still shows each chunk as
/// it comes.
/// </summary>
internal sealed class ChunkRelay
{
    private readonly ConcurrentQueue<ChatChunk> _chunks = new();
    private readonly Action<Action> _post;
    private readonly Action<ChatChunk> _each;
    private readonly Action _endOfBurst;
    private readonly long _gapTicks;
    private long _lastDrain = long.MinValue / 2;
    private int _scheduled;

    /// <param name="post">Queues work for the pipeline thread.</param>
    /// <param name="each">Handles one chunk there.</param>
    /// <param name="endOfBurst">Ends a burst there (writes the gathered text).</param>
    /// <param name="gap">
    /// The least time between two drains. Zero hands each burst over at once; a
    /// few milliseconds (text for the host) lets a fast stream gather into
    /// bursts instead of waking the pipeline thread for every chunk. The first
    /// chunk never waits.
    /// </param>
    public ChunkRelay(Action<Action> post, Action<ChatChunk> each, Action endOfBurst, TimeSpan gap = default)
    {
        _post = post;
        _each = each;
        _endOfBurst = endOfBurst;
        _gapTicks = (long)(gap.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }

    /// <summary>From the network thread.</summary>
    public void Add(ChatChunk chunk)
    {
        _chunks.Enqueue(chunk);
        if (Interlocked.Exchange(ref _scheduled, 1) != 0)
            return;
        var wait = Volatile.Read(ref _lastDrain) + _gapTicks - System.Diagnostics.Stopwatch.GetTimestamp();
        if (wait <= 0)
            _post(Drain);
        else
            System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds((double)wait / System.Diagnostics.Stopwatch.Frequency))
                .ContinueWith(_ => _post(Drain), System.Threading.Tasks.TaskScheduler.Default);
    }

    /// <summary>On the pipeline thread once the reply has ended: what is still waiting for its drain (the gap) is handled now.</summary>
    public void DrainNow() => Drain();

    /// <summary>On the pipeline thread. The flag is cleared first, so a chunk queued while this runs gets a drain of its own.</summary>
    private void Drain()
    {
        Volatile.Write(ref _lastDrain, System.Diagnostics.Stopwatch.GetTimestamp());
        Volatile.Write(ref _scheduled, 0);
        while (_chunks.TryDequeue(out var chunk))
            _each(chunk);
        _endOfBurst();
    }
}
