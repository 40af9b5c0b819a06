#if NET
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Startup;

/// <summary>
/// A connection that never leaves the process: what is written to it is
/// dropped, and reading it gives one prepared HTTP response, in the pieces
/// it was prepared in: a read never returns more than what is left of one
/// piece, as a socket gives what has arrived so far. The warm-up hands it to
/// the HTTP stack in place of a socket, so the stack's own code runs without
/// a byte on the network.
/// </summary>
internal sealed class CannedConnection : Stream
{
    private readonly Queue<byte[]> _pieces;
    private ReadOnlyMemory<byte> _piece;

    public CannedConnection(IEnumerable<byte[]> pieces) => _pieces = new Queue<byte[]>(pieces);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_piece.IsEmpty && _pieces.Count > 0)
            _piece = _pieces.Dequeue();
        var count = Math.Min(buffer.Length, _piece.Length);
        _piece.Span.Slice(0, count).CopyTo(buffer);
        _piece = _piece.Slice(count);
        return count;
    }

    // Each read completes later, as a socket's does when the reply is not there yet: the HTTP stack's awaits, and the
    // engine's reads of a body that comes in pieces, then take the same asynchronous path (and compile the same code)
    // as they do over the network.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => default;
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
#endif
