using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Commands;

/// <summary>
/// Moves work from background threads onto the pipeline thread, the only
/// thread allowed to write to PowerShell's streams. The pipeline thread runs
/// posted work while it waits, and a wait ends by a message, never by a
/// check that could race with one: the end of awaited work is posted after
/// everything that work posted, so when the wait sees it, all that work had
/// to say has been said.
/// </summary>
internal sealed class PipelinePump : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();

    /// <summary>Queues work for the pipeline thread; safe from any thread. After the command has ended, late work is dropped.</summary>
    public void Post(Action action)
    {
        try
        {
            _work.Add(action);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // The command is over (Ctrl+C, or the pipeline ended); nobody is left to run it.
        }
    }

    /// <summary>
    /// On the pipeline thread: runs <paramref name="work"/> in the background
    /// with <paramref name="workToken"/>, and what it posts here, until it
    /// ends; its result or exception comes back here. <paramref name="stop"/>
    /// (Ctrl+C) ends the wait as a stopped pipeline.
    /// </summary>
    public T Await<T>(Func<CancellationToken, Task<T>> work, CancellationToken workToken, CancellationToken stop)
    {
        var task = Task.Run(() => work(workToken));
        var ended = false;
        task.ContinueWith(_ => Post(() => ended = true), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        RunUntil(() => ended, stop);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// On the pipeline thread: runs posted work until <paramref name="done"/>
    /// holds. Only posted work may make it hold, so the message that does is
    /// the one that ends the wait. <paramref name="stop"/> (Ctrl+C) ends the
    /// wait as a stopped pipeline, the exception PowerShell expects then.
    /// </summary>
    public void RunUntil(Func<bool> done, CancellationToken stop)
    {
        try
        {
            while (!done())
                _work.Take(stop)();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>On the pipeline thread: runs what is queued now, without waiting.</summary>
    public void RunReady()
    {
        while (_work.TryTake(out var next))
            next();
    }

    public void Dispose() => _work.CompleteAdding();
}
