using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Generation;

/// <summary>
/// A bound on how often many waits read the gateway together (a job of many tasks): at most <c>slots</c> reads in
/// flight, each slot held for at least <c>hold</c>, so the rate never passes slots ÷ hold reads a second however
/// many tasks there are (4 slots of 400 ms: 10 a second). Each task's own reads still grow apart. Nothing to dispose:
/// a slot released after the last read finds the semaphore still there.
/// </summary>
public sealed class ReadLimit
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _hold;

    public ReadLimit(int slots, TimeSpan hold)
    {
        _slots = new SemaphoreSlim(slots, slots);
        _hold = hold;
    }

    /// <summary>Runs one read within the limit.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        try
        {
            return await read().ConfigureAwait(false);
        }
        finally
        {
            var left = _hold - clock.Elapsed;
            if (left > TimeSpan.Zero)
                _ = Task.Delay(left).ContinueWith(_ => _slots.Release(), TaskScheduler.Default);
            else
                _slots.Release();
        }
    }
}
