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
/// happens on the worker that finished, so the callback only queues; how
/// many inputs are taken ahead of the outcomes is the caller's to bound.
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

    private void Hand(BatchItem<T> item) => _deliver(item);

    public void Dispose()
    {
        _cancel.Dispose();
        _slots.Dispose();
    }
}
