using System;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Batch;

namespace Evolink.Commands;

/// <summary>
/// A command's batch of concurrent calls as the pipeline thread sees it:
/// it starts each input's work (at most the throttle limit at once), takes
/// no more than its read-ahead of inputs ahead of the outcomes handed back,
/// and hands each outcome to <c>deliver</c> on the pipeline thread, in input
/// order unless asked otherwise. The count of outcomes owed is kept here, on
/// the pipeline thread, inside the deliveries themselves, so "nothing owed"
/// and "every outcome handed over" are the same fact.
/// </summary>
internal sealed class PipelineBatch<T> : IDisposable
{
    private readonly PipelinePump _pump;
    private readonly OrderedBatch<T> _batch;
    private readonly Action<BatchItem<T>> _deliver;
    private readonly CancellationToken _stop;
    private int _owed;

    /// <param name="pump">The command's pump: outcomes come to the pipeline thread through it.</param>
    /// <param name="throttleLimit">How many calls run at once.</param>
    /// <param name="ordered">Outcomes in input order (else as they complete).</param>
    /// <param name="deliver">Handles one outcome on the pipeline thread: exactly once per input.</param>
    /// <param name="stop">Ctrl+C: ends every wait here, and the work in flight.</param>
    public PipelineBatch(PipelinePump pump, int throttleLimit, bool ordered, Action<BatchItem<T>> deliver, CancellationToken stop)
    {
        _pump = pump;
        _deliver = deliver;
        _stop = stop;
        _batch = new OrderedBatch<T>(throttleLimit, item => _pump.Post(() => Deliver(item)), ordered, stop);
    }

    /// <summary>
    /// Twice the throttle limit keeps every slot busy while bounding memory:
    /// a long piped file is read no faster than its answers are written.
    /// </summary>
    private int ReadAhead => Math.Max(2 * _batch.ThrottleLimit, 2);

    /// <summary>On the pipeline thread: starts one input's work once fewer than the read-ahead are owed, handing over what is ready meanwhile.</summary>
    public void Add(object? input, Func<CancellationToken, Task<T>> work)
    {
        _pump.RunUntil(() => _owed < ReadAhead, _stop);
        _owed++;
        _batch.Add(input, work);
        _pump.RunReady();
    }

    /// <summary>On the pipeline thread: hands over every outcome still owed (before one-at-a-time work, and at the end).</summary>
    public void Drain() => _pump.RunUntil(() => _owed == 0, _stop);

    private void Deliver(BatchItem<T> item)
    {
        _owed--;
        _deliver(item);
    }

    public void Dispose() => _batch.Dispose();
}
