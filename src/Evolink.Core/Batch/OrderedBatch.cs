using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Batch;

/// <summary>
/// Runs work for inputs as they are added, at most <see cref="ThrottleLimit"/>
/// at once, and hands each outcome over exactly once: in input order (each
/// as soon as every earlier one is done), or as it completes. Hand-over
/// happens on the worker that finished, so the callback only queues.
/// </summary>
public sealed class OrderedBatch<T> : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Action<BatchItem<T>> _deliver;
    private readonly bool _ordered;
    private readonly CancellationTokenSource _cancel;
    private readonly Dictionary<long, BatchItem<T>> _finished = new();
    private readonly object _gate = new();
    private long _added;
    private long _nextToDeliver;
    private long _delivered;

    public OrderedBatch(int throttleLimit, Action<BatchItem<T>> deliver, bool ordered = true, CancellationToken cancellationToken = default)
    {
        if (throttleLimit < 1)
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
        ThrottleLimit = throttleLimit;
        _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
        _deliver = deliver;
        _ordered = ordered;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public int ThrottleLimit { get; }

    /// <summary>
    /// How many inputs may be taken ahead of the outcomes handed back: twice
    /// the throttle limit keeps every slot busy while bounding memory, for
    /// the cmdlet's pipeline and <see cref="RunAsync{TInput}"/> alike.
    /// </summary>
    public static int ReadAheadFor(int throttleLimit) => Math.Max(2 * throttleLimit, 2);

    /// <summary>This batch's read-ahead (<see cref="ReadAheadFor"/>).</summary>
    public int ReadAhead => ReadAheadFor(ThrottleLimit);

    /// <summary>Inputs added whose outcome has not been handed over yet.</summary>
    public long Pending => Interlocked.Read(ref _added) - Interlocked.Read(ref _delivered);

    /// <summary>Starts the work for one input as soon as a slot is free; never blocks.</summary>
    public void Add(object? input, Func<CancellationToken, Task<T>> work)
    {
        var item = new BatchItem<T>(Interlocked.Increment(ref _added) - 1, input);
        _ = RunAsync(item, work);
    }

    private async Task RunAsync(BatchItem<T> item, Func<CancellationToken, Task<T>> work)
    {
        try
        {
            await _slots.WaitAsync(_cancel.Token).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            try
            {
                item.Result = await work(_cancel.Token).ConfigureAwait(false);
            }
            finally
            {
                item.Elapsed = clock.Elapsed;
                _slots.Release();
            }
        }
        catch (Exception ex)
        {
            item.Error = ex;
        }
        Finish(item);
    }

    private void Finish(BatchItem<T> item)
    {
        lock (_gate)
        {
            if (!_ordered)
            {
                Hand(item);
                return;
            }
            _finished[item.Index] = item;
            while (_finished.TryGetValue(_nextToDeliver, out var next))
            {
                _finished.Remove(_nextToDeliver);
                _nextToDeliver++;
                Hand(next);
            }
        }
    }

    /// <summary>Hands over before counting, so Pending reaching 0 means every hand-over has happened.</summary>
    private void Hand(BatchItem<T> item)
    {
        _deliver(item);
        Interlocked.Increment(ref _delivered);
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _slots.Dispose();
    }

    /// <summary>
    /// Runs a whole list: at most <paramref name="throttleLimit"/> at once,
    /// never more than <paramref name="readAhead"/> inputs taken ahead of the
    /// outcomes handed back, outcomes in input order.
    /// </summary>
    public static async Task<IReadOnlyList<BatchItem<T>>> RunAsync<TInput>(
        IEnumerable<TInput> inputs, Func<TInput, CancellationToken, Task<T>> work, int throttleLimit, int? readAhead = null, CancellationToken cancellationToken = default)
    {
        var room = readAhead ?? ReadAheadFor(throttleLimit);
        var outcomes = new List<BatchItem<T>>();
        using var slots = new SemaphoreSlim(room, room);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        long expected = long.MaxValue;
        using var batch = new OrderedBatch<T>(throttleLimit, item =>
        {
            lock (outcomes)
            {
                outcomes.Add(item);
                if (outcomes.Count == Interlocked.Read(ref expected))
                    done.TrySetResult(true);
            }
            slots.Release();
        }, ordered: true, cancellationToken);
        long count = 0;
        foreach (var input in inputs)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            batch.Add(input, token => work(input, token));
            count++;
        }
        lock (outcomes)
        {
            Interlocked.Exchange(ref expected, count);
            if (outcomes.Count == count)
                done.TrySetResult(true);
        }
        await done.Task.ConfigureAwait(false);
        return outcomes;
    }
}
