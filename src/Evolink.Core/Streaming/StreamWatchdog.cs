using System;
using System.Threading;

namespace Evolink.Streaming;

/// <summary>
/// Ends a read that has been silent too long. One timer per stream, re-armed
/// before each read (no allocation per read); when it fires, or the caller
/// cancels, the body stream is disposed, which aborts a pending read on every
/// runtime (.NET Framework's HTTP streams ignore cancellation tokens).
/// </summary>
internal sealed class StreamWatchdog : IDisposable
{
    private readonly TimeSpan? _idleLimit;
    private readonly CancellationTokenSource _abort;
    private readonly Timer? _timer;
    private readonly CancellationTokenRegistration _onAbort;

    public StreamWatchdog(TimeSpan? idleLimit, CancellationToken caller, IDisposable body)
    {
        _idleLimit = idleLimit is { } limit && limit > TimeSpan.Zero ? limit : null;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _onAbort = _abort.Token.Register(body.Dispose);
        if (_idleLimit is not null)
            _timer = new Timer(_ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The token every read of this stream uses.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>True once the idle limit was reached.</summary>
    public bool TimedOut { get; private set; }

    public TimeSpan? IdleLimit => _idleLimit;

    public void Arm()
    {
        if (_idleLimit is { } limit)
            _timer!.Change(limit, Timeout.InfiniteTimeSpan);
    }

    public void Disarm() => _timer?.Change(Timeout.Infinite, Timeout.Infinite);

    private void Expire()
    {
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

    public void Dispose()
    {
        _timer?.Dispose();
        _onAbort.Dispose();
        _abort.Dispose();
    }
}
