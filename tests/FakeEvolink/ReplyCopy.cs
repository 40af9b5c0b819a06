using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FakeEvolink;

/// <summary>A reply as the gateway keeps it for its idempotency key: the request's body (to tell a conflict) and what was answered.</summary>
public sealed record KeptReply(string Body, int Status, string ContentType, byte[] Reply);

/// <summary>
/// The response body, passed on as it is written and copied on the side up
/// to a limit, so the fake can keep a whole reply for its idempotency key
/// without holding a benchmark's 20 MB streams.
/// </summary>
public sealed class ReplyCopy : Stream
{
    public const int Limit = 1024 * 1024;

    private readonly Stream _inner;
    private readonly MemoryStream _copy = new();
    private bool _over;

    public ReplyCopy(Stream inner) => _inner = inner;

    /// <summary>The reply written, or null when it passed the limit.</summary>
    public byte[]? Whole => _over ? null : _copy.ToArray();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (_over)
            return;
        if (_copy.Length + bytes.Length > Limit)
        {
            _over = true;
            _copy.SetLength(0);
            return;
        }
        _copy.Write(bytes);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        _inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        await _inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
