using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Serialization;
using Evolink.Transport;

namespace Evolink.Streaming;

/// <summary>
/// A server-sent-events reader that follows the WHATWG rules (LF, CRLF and
/// CR endings, also split across reads; one optional space after the colon;
/// multi-line data joined with LF; comments; event, id and retry; a leading
/// BOM; an unterminated event at the end discarded) over pooled byte buffers.
/// Data stays UTF-8 bytes, so chunk JSON is parsed without a string per line.
/// Written here rather than taken from System.Net.ServerSentEvents because
/// that package has no size cap (a hostile stream could grow a line without
/// end) and brings a newer Microsoft.Bcl.AsyncInterfaces than PowerShell loads.
/// </summary>
internal sealed partial class SseReader : IDisposable
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private readonly Stream _stream;
    private readonly int _maxEventBytes;
    private readonly StreamWatchdog? _watchdog;
    private byte[] _buffer;
    private byte[] _data;
    private int _start;
    private int _end;
    private int _dataLength;
    // Where a one-line event's data still lies in _buffer (the usual case: no copy); -1 once copied to _data.
    private int _inlineStart = -1;
    private bool _hasData;
    private bool _eof;
    private bool _skipLf;
    private bool _bomChecked;
    private string? _eventType;

    public SseReader(Stream stream, int maxEventBytes, StreamWatchdog? watchdog = null, int bufferSize = 16 * 1024)
    {
        _stream = stream;
        _watchdog = watchdog;
        _maxEventBytes = maxEventBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        _data = ArrayPool<byte>.Shared.Rent(Math.Min(bufferSize, 4 * 1024));
    }

    /// <summary>The current event's type; "message" unless an event: field said otherwise.</summary>
    public string EventType => _eventType ?? "message";

    /// <summary>The current event's data, lines joined with LF; valid until the next read.</summary>
    public ReadOnlySpan<byte> Data => _inlineStart >= 0 ? new(_buffer, _inlineStart, _dataLength) : new(_data, 0, _dataLength);

    public string? LastEventId { get; private set; }
    public int? RetryMilliseconds { get; private set; }

    /// <summary>How many comment lines (keep-alives) have been seen.</summary>
    public int CommentCount { get; private set; }

    /// <summary>
    /// Reads up to the next dispatched event; false at the end of the stream.
    /// An event already in the buffer (nearly every one in a fast stream) is
    /// dispatched without entering an async state machine.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public ValueTask<bool> ReadEventAsync(CancellationToken cancellationToken)
    {
        _dataLength = 0;
        _inlineStart = -1;
        _hasData = false;
        _eventType = null;
        return TryDispatch() ? new ValueTask<bool>(true) : ReadMoreAsync(cancellationToken);
    }

    private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        while (!_eof)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
            if (TryDispatch())
                return true;
        }
        return false;
    }

    /// <summary>Takes the buffered lines into the current event; true once a blank line dispatches it.</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool TryDispatch()
    {
        while (TryTakeLine(out var lineStart, out var lineLength))
        {
            if (lineLength == 0)
            {
                if (_hasData)
                    return true;
                _eventType = null;
                continue;
            }
            Process(new ReadOnlySpan<byte>(_buffer, lineStart, lineLength), lineStart);
        }
        return false;
    }

    [MethodImpl(HotPath.Optimized)]
    private bool TryTakeLine(out int lineStart, out int lineLength)
    {
        lineStart = lineLength = 0;
        if (!_bomChecked)
        {
            if (_end - _start < 3 && !_eof)
                return false;
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
                _start += 3;
            _bomChecked = true;
        }
        if (_skipLf && _start < _end)
        {
            if (_buffer[_start] == Lf)
                _start++;
            _skipLf = false;
        }
        var span = new ReadOnlySpan<byte>(_buffer, _start, _end - _start);
        var at = span.IndexOfAny(Cr, Lf);
        if (at < 0)
        {
            if (span.Length > _maxEventBytes)
                throw TooLong();
            return false;
        }
        if (at > _maxEventBytes)
            throw TooLong();
        lineStart = _start;
        lineLength = at;
        _start += at + 1;
        if (span[at] == Cr)
        {
            if (at + 1 < span.Length)
            {
                if (span[at + 1] == Lf)
                    _start++;
            }
            else
            {
                _skipLf = true;
            }
        }
        return true;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        CopyInlineData();
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            _buffer = Grow(_buffer, _end, _buffer.Length * 2);
        _watchdog?.Arm();
        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _watchdog?.Disarm();
        }
        if (read == 0)
            _eof = true;
        _end += read;
    }

    private static byte[] Grow(byte[] old, int used, int atLeast)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(atLeast, old.Length * 2));
        Buffer.BlockCopy(old, 0, bigger, 0, used);
        ArrayPool<byte>.Shared.Return(old);
        return bigger;
    }

    private SseEventTooLargeException TooLong() => new(_maxEventBytes);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_data);
        _buffer = _data = Array.Empty<byte>();
    }
}
