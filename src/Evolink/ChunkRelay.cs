using System;
using System.Collections.Concurrent;

namespace Evolink.Commands;

/// <summary>
/// Carries streamed chunks to the pipeline thread in bursts (for -AsChunk,
/// where each chunk becomes an output object): the network thread queues
/// each chunk, and a run on the pipeline thread handles every chunk that has
/// arrived by then, then ends the burst.
/// </summary>
internal sealed class ChunkRelay
{
    private readonly ConcurrentQueue<ChatChunk> _chunks = new();
    private readonly Action<ChatChunk> _each;
    private readonly Action _endOfBurst;
    private readonly BurstSignal _signal;

    /// <param name="post">Queues work for the pipeline thread.</param>
    /// <param name="each">Handles one chunk there.</param>
    /// <param name="endOfBurst">Ends a burst there.</param>
    /// <param name="gap">The least time between two bursts (see <see cref="BurstSignal"/>); the first chunk never waits.</param>
    public ChunkRelay(Action<Action> post, Action<ChatChunk> each, Action endOfBurst, TimeSpan gap = default)
    {
        _each = each;
        _endOfBurst = endOfBurst;
        _signal = new BurstSignal(post, Drain, gap);
    }

    /// <summary>From the network thread.</summary>
    public void Add(ChatChunk chunk)
    {
        _chunks.Enqueue(chunk);
        _signal.Signal();
    }

    /// <summary>On the pipeline thread once the reply has ended: what still waits for its burst is handled now.</summary>
    public void DrainNow() => _signal.RunNow();

    private void Drain()
    {
        while (_chunks.TryDequeue(out var chunk))
            _each(chunk);
        _endOfBurst();
    }
}
