using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Transport;

/// <summary>
/// Reads a reply body (after decompression) and fails once more than
/// <see cref="Limit"/> bytes have come: whatever a server sends, a call
/// never holds more than the limit.
/// </summary>
internal sealed class BoundedStream : Stream
{
    private readonly Stream _inner;
    private long _read;

    public BoundedStream(Stream inner, long limit)
    {
        _inner = inner;
        Limit = limit;
    }

    public long Limit { get; }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    private int Count(int read)
    {
        _read += read;
        if (_read > Limit)
            throw new ReplyTooLargeException(Limit);
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A reply passed the size limit.</summary>
internal sealed class ReplyTooLargeException : IOException
{
    public ReplyTooLargeException(long limit)
        : base($"The reply passed {limit} bytes.") => Limit = limit;

    public long Limit { get; }
}
