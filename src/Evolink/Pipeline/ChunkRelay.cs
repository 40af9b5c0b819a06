using System;
using System.Collections.Concurrent;
using System.Threading;
using Evolink.Chat;

namespace Evolink.Commands;

/// <summary>
/// Carries streamed chunks to the pipeline thread in bursts (for -AsChunk,
/// where each chunk becomes an output object): the network thread queues
/// each chunk, and a run on the pipeline thread handles every chunk that has
/// arrived by then, then ends the burst. At most <see cref="Capacity"/>
/// chunks wait: when the pipeline is slower than the stream, the network
/// thread waits for room, so the connection slows down instead of the reply
/// piling up in memory as objects. It waits until half the chunks have been
/// taken, so the two threads take turns in bursts rather than waking each
/// other for every chunk.
/// </summary>
internal sealed class ChunkRelay
{
    /// <summary>How many chunks may wait for the pipeline thread.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentQueue<ChatChunk> _chunks = new();

    /// <summary>Chunks queued and not yet taken: counted, not locked, since a stream adds one a few microseconds apart.</summary>
    private int _waiting;

    /// <summary>Set when a full relay is half empty again; the network thread waits on it only when full.</summary>
    private readonly ManualResetEventSlim _roomFreed = new(false);
    private readonly CancellationToken _stopped;
    private readonly Action<ChatChunk> _each;
    private readonly BurstSignal _signal;

    /// <param name="post">Queues work for the pipeline thread.</param>
    /// <param name="each">Handles one chunk there: each is written the moment the pipeline thread can.</param>
    /// <param name="stopped">Ends a wait for room (Ctrl+C): the network thread then gets an OperationCanceledException.</param>
    public ChunkRelay(Action<Action> post, Action<ChatChunk> each, CancellationToken stopped)
    {
        _stopped = stopped;
        _each = each;
        _signal = new BurstSignal(post, Drain, TimeSpan.Zero);
    }

    /// <summary>From the network thread.</summary>
    public void Add(ChatChunk chunk)
    {
        while (Volatile.Read(ref _waiting) >= Capacity)
        {
            // Full: make sure a drain is on its way, then wait for it to take some. Looked at again after the
            // reset, so room made in between is never missed.
            _signal.Signal();
            _roomFreed.Reset();
            if (Volatile.Read(ref _waiting) >= Capacity)
                _roomFreed.Wait(_stopped);
        }
        Interlocked.Increment(ref _waiting);
        _chunks.Enqueue(chunk);
        _signal.Signal();
    }

    /// <summary>On the pipeline thread once the reply has ended: what still waits for its burst is handled now.</summary>
    public void DrainNow() => _signal.RunNow();

    private void Drain()
    {
        while (_chunks.TryDequeue(out var chunk))
        {
            // A full stream goes on once half the chunks are taken, while the pipeline writes the other half.
            if (Interlocked.Decrement(ref _waiting) == Capacity / 2)
                _roomFreed.Set();
            _each(chunk);
        }
    }
}
