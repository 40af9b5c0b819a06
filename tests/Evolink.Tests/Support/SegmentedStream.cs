using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Tests;

/// <summary>A read-only stream that hands out its bytes in the given pieces, one piece per read.</summary>
internal sealed class SegmentedStream : Stream
{
    private readonly Queue<byte[]> _segments;
    private byte[]? _current;
    private int _offset;

    public SegmentedStream(IEnumerable<byte[]> segments) => _segments = new Queue<byte[]>(segments);

    public static SegmentedStream OfText(params string[] pieces) => new(pieces.Select(Encoding.UTF8.GetBytes));

    /// <summary>Every byte its own read: the harshest split there is.</summary>
    public static SegmentedStream ByteByByte(byte[] bytes) => new(bytes.Select(b => new[] { b }));

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_current is null || _offset == _current.Length)
        {
            if (_segments.Count == 0)
                return 0;
            _current = _segments.Dequeue();
            _offset = 0;
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
