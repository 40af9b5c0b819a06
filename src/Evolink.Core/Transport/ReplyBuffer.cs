using System;
using System.Buffers;

namespace Evolink.Transport;

/// <summary>
/// Where a whole reply's body is gathered (a 16 KB chunk per call and a
/// growing copy were most of what a short chat allocated). A body that
/// declares its length is read into one array of that length, which is the
/// result: nothing else is allocated. A body without one (chunked) is read
/// into pooled arrays that grow by doubling, and copied out once at its
/// exact size. The declared length is the server's word, so it only sizes
/// the first array, up to <see cref="LargestUpFront"/>; the reply's size
/// limit is kept by the stream it is read from, and a body that runs past
/// what it declared goes on as one of unknown length.
/// </summary>
internal sealed class ReplyBuffer
{
    /// <summary>The most a declared length may reserve before its bytes arrive.</summary>
    public const int LargestUpFront = 1024 * 1024;

    /// <summary>Where a body of unknown length starts: a chat reply's usual size fits.</summary>
    private const int UnknownStart = 8 * 1024;

    private byte[] _bytes;
    private bool _pooled;
    private int _length;

    // The read that finds the end of a body of its declared length lands here, so that array needs no spare room.
    private byte[]? _probe;
    private bool _probing;

    public ReplyBuffer(long? declaredLength)
    {
        if (declaredLength is { } declared && declared >= 0 && declared <= LargestUpFront)
        {
            _bytes = new byte[declared];
            _probe = new byte[1];
        }
        else
        {
            _bytes = ArrayPool<byte>.Shared.Rent(UnknownStart);
            _pooled = true;
        }
    }

    /// <summary>The room the next read may fill: past a declared length, the probe; else grown first when there is none.</summary>
    public ArraySegment<byte> Free()
    {
        _probing = false;
        if (_length == _bytes.Length)
        {
            if (_probe is not null)
            {
                _probing = true;
                return new ArraySegment<byte>(_probe, 0, 1);
            }
            Grow();
        }
        return new ArraySegment<byte>(_bytes, _length, _bytes.Length - _length);
    }

    /// <summary>A read put this many bytes into the room <see cref="Free"/> gave.</summary>
    public void Took(int count)
    {
        if (_probing && count > 0)
        {
            // More than the body declared: kept, and the rest read as a body of unknown length.
            Grow();
            _bytes[_length] = _probe![0];
            _probe = null;
        }
        _length += count;
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(UnknownStart, checked(_bytes.Length * 2)));
        Buffer.BlockCopy(_bytes, 0, larger, 0, _length);
        Release();
        _bytes = larger;
        _pooled = true;
    }

    /// <summary>The body's bytes, exactly; a pooled array goes back to the pool.</summary>
    public byte[] ToArray()
    {
        if (!_pooled && _length == _bytes.Length)
            return _bytes;
        var exact = new byte[_length];
        Buffer.BlockCopy(_bytes, 0, exact, 0, _length);
        Release();
        _bytes = exact;
        return exact;
    }

    private void Release()
    {
        if (_pooled)
            ArrayPool<byte>.Shared.Return(_bytes);
        _pooled = false;
    }
}
