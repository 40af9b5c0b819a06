using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Evolink.Commands;

/// <summary>
/// Moves work from background threads onto the pipeline thread, the only
/// thread allowed to write to PowerShell's streams. It also counts
/// deliveries that are still owed, and does that count on the pipeline
/// thread, inside the delivered work itself. So "nothing is owed" and "every
/// delivery has run" are the same fact, and no wake-up can be missed.
/// </summary>
internal sealed class PipelinePump : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();

    /// <summary>Deliveries expected and not yet run; read and written on the pipeline thread only.</summary>
    public int Owed { get; private set; }

    /// <summary>Queues work for the pipeline thread; safe from any thread. After the command has ended, late work is dropped.</summary>
    public void Post(Action action)
    {
        try
        {
            _work.Add(action);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // The command is over (Ctrl+C); nobody is left to run it.
        }
    }

    /// <summary>On the pipeline thread: one more delivery will come through <see cref="Deliverer{T}"/>.</summary>
    public void Expect() => Owed++;

    /// <summary>A callback for background threads that posts one expected delivery; it is counted when it runs here.</summary>
    public Action<T> Deliverer<T>(Action<T> deliver) => item => Post(() =>
    {
        Owed--;
        deliver(item);
    });

    /// <summary>Runs queued work until <paramref name="done"/> holds, then whatever is already queued. Cancellation ends the wait.</summary>
    public void PumpUntil(Func<bool> done, CancellationToken cancellation)
    {
        while (!done())
            _work.Take(cancellation)();
        PumpReady();
    }

    /// <summary>Runs what is queued now, without waiting.</summary>
    public void PumpReady()
    {
        while (_work.TryTake(out var next))
            next();
    }

    public void Dispose()
    {
        _work.CompleteAdding();
    }
}
