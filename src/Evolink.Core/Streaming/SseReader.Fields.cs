using System;
using System.Runtime.CompilerServices;
using System.Text;
using Evolink.Serialization;

namespace Evolink.Streaming;

/// <summary>What each line of an event means: its field (data, event, id, retry, or a comment) and where data gathers.</summary>
internal sealed partial class SseReader
{
    [MethodImpl(HotPath.Optimized)]
    private void Process(ReadOnlySpan<byte> line, int lineStart)
    {
        var colon = line.IndexOf((byte)':');
        if (colon == 0)
        {
            CommentCount++;
            return;
        }
        var field = colon < 0 ? line : line.Slice(0, colon);
        var value = colon < 0 ? ReadOnlySpan<byte>.Empty : line.Slice(colon + 1);
        if (!value.IsEmpty && value[0] == (byte)' ')
            value = value.Slice(1);

        if (field.SequenceEqual("data"u8))
            AppendData(value, lineStart + line.Length - value.Length);
        else if (field.SequenceEqual("event"u8))
            _eventType = Utf8(value);
        else if (field.SequenceEqual("id"u8) && value.IndexOf((byte)0) < 0)
            LastEventId = Utf8(value);
        else if (field.SequenceEqual("retry"u8) && IsDigits(value) && int.TryParse(Utf8(value), out var retry))
            RetryMilliseconds = retry;
    }

    [MethodImpl(HotPath.Optimized)]
    private void AppendData(ReadOnlySpan<byte> value, int valueStart)
    {
        if (!_hasData)
        {
            // The first data line stays in the read buffer until a second line or a refill needs it moved.
            _inlineStart = valueStart;
            _dataLength = value.Length;
            _hasData = true;
            return;
        }
        CopyInlineData();
        var needed = _dataLength + value.Length + 1;
        if (needed > _maxEventBytes)
            throw TooLong();
        if (needed > _data.Length)
            _data = Grow(_data, _dataLength, needed);
        _data[_dataLength++] = Lf;
        value.CopyTo(new Span<byte>(_data, _dataLength, value.Length));
        _dataLength += value.Length;
    }

    /// <summary>Moves a one-line event's data out of the read buffer, before the buffer shifts or the event grows.</summary>
    private void CopyInlineData()
    {
        if (_inlineStart < 0)
            return;
        if (_dataLength > _data.Length)
            _data = Grow(_data, 0, _dataLength);
        Buffer.BlockCopy(_buffer, _inlineStart, _data, 0, _dataLength);
        _inlineStart = -1;
    }

    private static bool IsDigits(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return false;
        foreach (var b in value)
        {
            if (b < (byte)'0' || b > (byte)'9')
                return false;
        }
        return true;
    }

    private static unsafe string Utf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        fixed (byte* pointer = bytes)
            return Encoding.UTF8.GetString(pointer, bytes.Length);
    }
}

/// <summary>A line or event grew past the configured cap.</summary>
internal sealed class SseEventTooLargeException : Exception
{
    public SseEventTooLargeException(int limit)
        : base($"A server-sent event line or event exceeded {limit} bytes.") => Limit = limit;

    public int Limit { get; }
}
