using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Testing;

/// <summary>
/// A read-only stream that hands out its bytes one piece at a time: a read
/// never crosses into the next piece, so a test decides exactly how a reply
/// is split on the wire. Shared by the tests and the benchmarks.
/// </summary>
internal abstract class PieceStream : Stream
{
    private byte[] _current = Array.Empty<byte>();
    private int _offset;

    /// <summary>The next piece, or null at the end.</summary>
    protected abstract byte[]? NextPiece();

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_offset == _current.Length)
        {
            if (NextPiece() is not { } next)
                return 0;
            (_current, _offset) = (next, 0);
        }
        var take = Math.Min(count, _current.Length - _offset);
        Buffer.BlockCopy(_current, _offset, buffer, offset, take);
        _offset += take;
        return take;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
