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
    private int _scheduled;

    public ChunkRelay(Action<Action> post, Action<ChatChunk> each, Action endOfBurst)
    {
        _post = post;
        _each = each;
        _endOfBurst = endOfBurst;
    }

    /// <summary>From the network thread.</summary>
    public void Add(ChatChunk chunk)
    {
        _chunks.Enqueue(chunk);
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
            _post(Drain);
    }

    /// <summary>On the pipeline thread. The flag is cleared first, so a chunk queued while this runs gets a drain of its own.</summary>
    private void Drain()
    {
        Volatile.Write(ref _scheduled, 0);
        while (_chunks.TryDequeue(out var chunk))
            _each(chunk);
        _endOfBurst();
    }
}
