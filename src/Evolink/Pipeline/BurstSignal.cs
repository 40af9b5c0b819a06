using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Commands;

/// <summary>
/// Wakes the pipeline thread to handle what a background thread has
/// gathered. The first signal of a burst posts the handler at once, or no
/// sooner than the gap after the handler last ran; signals while one is
/// pending cost one interlocked exchange. A fast stream wakes the pipeline
/// thread once per burst instead of once per chunk; a slow one is still
/// handled as each piece comes.
/// </summary>
internal sealed class BurstSignal
{
    private readonly Action<Action> _post;
    private readonly Action _handle;
    private readonly long _gapTicks;
    private long _lastRun = long.MinValue / 2;
    private int _scheduled;

    /// <param name="post">Queues work for the pipeline thread.</param>
    /// <param name="handle">Handles what has gathered, there.</param>
    /// <param name="gap">The least time between two runs of the handler; zero runs it as soon as the pipeline thread can.</param>
    public BurstSignal(Action<Action> post, Action handle, TimeSpan gap)
    {
        _post = post;
        _handle = handle;
        _gapTicks = (long)(gap.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>From the background thread, after it has gathered something.</summary>
    public void Signal()
    {
        // Already on its way: a plain read is enough (a run clears the flag before it handles what gathered).
        if (Volatile.Read(ref _scheduled) != 0 || Interlocked.Exchange(ref _scheduled, 1) != 0)
            return;
        var wait = Volatile.Read(ref _lastRun) + _gapTicks - Stopwatch.GetTimestamp();
        if (wait <= 0)
            _post(Run);
        else
            Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ContinueWith(_ => _post(Run), TaskScheduler.Default);
    }

    /// <summary>On the pipeline thread once the work has ended: what still waits for its turn (the gap) is handled now.</summary>
    public void RunNow() => Run();

    /// <summary>On the pipeline thread. The flag is cleared first, so whatever is gathered while the handler runs gets a run of its own.</summary>
    private void Run()
    {
        Volatile.Write(ref _lastRun, Stopwatch.GetTimestamp());
        Volatile.Write(ref _scheduled, 0);
        _handle();
    }
}
