using System;
using System.Diagnostics;
using System.Threading;

namespace Evolink.Streaming;

/// <summary>
/// Ends a read that has been silent too long. Arm and Disarm only note the
/// time a read began: re-setting a timer for every read of a fast stream
/// woke the runtime's timer thread twice per read. One timer per stream
/// instead wakes once per idle limit, and when a read has been pending that
/// long, the body stream is disposed, which aborts the read on every runtime
/// (.NET Framework's HTTP streams ignore cancellation tokens). The caller
/// cancelling does the same at once.
/// </summary>
internal sealed class StreamWatchdog : IDisposable
{
    private readonly TimeSpan? _idleLimit;
    private readonly CancellationTokenSource _abort;
    private readonly Timer? _timer;
    private readonly CancellationTokenRegistration _onAbort;
    // Stopwatch timestamp of the read in progress; 0 between reads.
    private long _readSince;
    private int _started;

    public StreamWatchdog(TimeSpan? idleLimit, CancellationToken caller, IDisposable body)
    {
        _idleLimit = idleLimit is { } limit && limit > TimeSpan.Zero ? limit : null;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _onAbort = _abort.Token.Register(body.Dispose);
        if (_idleLimit is not null)
            _timer = new Timer(_ => Check(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The token every read of this stream uses.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>True once the idle limit was reached.</summary>
    public bool TimedOut { get; private set; }

    public TimeSpan? IdleLimit => _idleLimit;

    /// <summary>A read begins: from now, silence counts.</summary>
    public void Arm()
    {
        if (_timer is null)
            return;
        Volatile.Write(ref _readSince, Stopwatch.GetTimestamp());
        if (Interlocked.Exchange(ref _started, 1) == 0)
            Schedule(_idleLimit!.Value);
    }

    /// <summary>The read ended: time spent elsewhere is not silence.</summary>
    public void Disarm() => Volatile.Write(ref _readSince, 0);

    private void Check()
    {
        var limit = _idleLimit!.Value;
        var since = Volatile.Read(ref _readSince);
        if (since == 0)
        {
            Schedule(limit);
            return;
        }
        var silent = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - since) / (double)Stopwatch.Frequency);
        if (silent < limit)
        {
            Schedule(limit - silent);
            return;
        }
        TimedOut = true;
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream already ended.
        }
    }

    private void Schedule(TimeSpan due)
    {
        try
        {
            _timer!.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the check ran: the stream has ended.
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _onAbort.Dispose();
        _abort.Dispose();
    }
}
