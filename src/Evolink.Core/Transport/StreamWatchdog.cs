using System;
using System.Diagnostics;
using System.Threading;

namespace Evolink.Transport;

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
    // Made at the first Arm: a reply read without waiting (most whole replies) never sets a timer.
    private Timer? _timer;
    private bool _disposed;
    private readonly object _gate = new();
    private readonly CancellationTokenRegistration _onAbort;
    private readonly Func<long> _now;
    // Stopwatch timestamp of the read in progress; 0 between reads.
    private long _readSince;
    private int _started;

    /// <param name="clock">Stopwatch timestamps; tests give their own.</param>
    public StreamWatchdog(TimeSpan? idleLimit, CancellationToken caller, IDisposable body, Func<long>? clock = null)
    {
        _now = clock ?? Stopwatch.GetTimestamp;
        _idleLimit = idleLimit is { } limit && limit > TimeSpan.Zero ? limit : null;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _onAbort = _abort.Token.Register(body.Dispose);
    }

    /// <summary>The token every read of this stream uses.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>True once the idle limit was reached.</summary>
    public bool TimedOut { get; private set; }

    public TimeSpan? IdleLimit => _idleLimit;

    /// <summary>A read begins: from now, silence counts.</summary>
    public void Arm()
    {
        if (_idleLimit is not { } limit)
            return;
        Volatile.Write(ref _readSince, _now());
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            lock (_gate)
                _timer = _disposed ? null : new Timer(_ => Check(), null, Timeout.Infinite, Timeout.Infinite);
            Schedule(limit);
        }
    }

    /// <summary>The read ended: time spent elsewhere is not silence.</summary>
    public void Disarm() => Volatile.Write(ref _readSince, 0);

    private void Check()
    {
        if (Due() is { } next)
            Schedule(next);
    }

    /// <summary>
    /// What the timer does when it fires: ends the stream if the read in
    /// progress has been silent for the idle limit (null), or says when to
    /// look again: the rest of the limit for a read in progress, the whole
    /// limit between reads.
    /// </summary>
    internal TimeSpan? Due()
    {
        var limit = _idleLimit!.Value;
        var since = Volatile.Read(ref _readSince);
        if (since == 0)
            return limit;
        var silent = TimeSpan.FromSeconds((_now() - since) / (double)Stopwatch.Frequency);
        if (silent < limit)
            return limit - silent;
        TimedOut = true;
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream already ended.
        }
        return null;
    }

    private void Schedule(TimeSpan due)
    {
        try
        {
            _timer?.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the check ran: the stream has ended.
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _disposed = true;
        _timer?.Dispose();
        _onAbort.Dispose();
        _abort.Dispose();
    }
}
