#if NET
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Startup;

/// <summary>
/// A connection that never leaves the process: what is written to it is
/// dropped, and reading it gives one prepared HTTP response. The warm-up
/// hands it to the HTTP stack in place of a socket, so the stack's own code
/// runs without a byte on the network.
/// </summary>
internal sealed class CannedConnection : Stream
{
    private readonly MemoryStream _response;

    public CannedConnection(byte[] response) => _response = new MemoryStream(response, writable: false);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _response.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => _response.Read(buffer);
    // Each read completes later, as a socket's does when the reply is not there yet: the HTTP stack's awaits then
    // take the same asynchronous path (and compile the same code) as they do over the network.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return _response.Read(buffer.Span);
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _response.Dispose();
        base.Dispose(disposing);
    }
}
#endif
