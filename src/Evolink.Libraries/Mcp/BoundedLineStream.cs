using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Libraries.Mcp;

/// <summary>
/// A server's output as the SDK reads it, one newline-delimited message after another, with no message allowed past
/// a size: a server that writes without a newline (a runaway log line, binary output, a hostile peer) would otherwise
/// grow this process's memory without end, since the SDK reads a whole line before it looks at it. Past the limit the
/// read fails, which ends the session; <see cref="Exceeded"/> then says why.
/// </summary>
internal sealed class BoundedLineStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maximumLineBytes;
    private readonly Action? _exceeded;
    private long _line;

    public BoundedLineStream(Stream inner, long maximumLineBytes, Action? exceeded = null)
    {
        _inner = inner;
        _maximumLineBytes = maximumLineBytes;
        _exceeded = exceeded;
    }

    /// <summary>Set once a message went past the limit.</summary>
    public bool Exceeded { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer, offset, _inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

#if NET
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span.Slice(0, read));
        return read;
    }
#endif

    private int Count(byte[] buffer, int offset, int read)
    {
        Check(new ReadOnlySpan<byte>(buffer, offset, read));
        return read;
    }

    private void Check(ReadOnlySpan<byte> read)
    {
        while (read.Length > 0)
        {
            var end = read.IndexOf((byte)'\n');
            var part = end < 0 ? read.Length : end;
            if (_line + part > _maximumLineBytes)
            {
                Exceeded = true;
                _exceeded?.Invoke();
                throw new IOException($"the server sent a message longer than {_maximumLineBytes / (1024 * 1024)} MB");
            }
            if (end < 0)
            {
                _line += part;
                return;
            }
            _line = 0;
            read = read.Slice(end + 1);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }

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
