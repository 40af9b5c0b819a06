using System.Collections.Generic;
using System.Linq;
using System.Text;
using Evolink.Testing;

namespace Evolink.Core.Tests;

/// <summary>A read-only stream that hands out its bytes in the given pieces, one piece per read.</summary>
internal sealed class SegmentedStream : PieceStream
{
    private readonly Queue<byte[]> _segments;

    public SegmentedStream(IEnumerable<byte[]> segments) => _segments = new Queue<byte[]>(segments);

    public static SegmentedStream OfText(params string[] pieces) => new(pieces.Select(Encoding.UTF8.GetBytes));

    /// <summary>Every byte its own read: the harshest split there is.</summary>
    public static SegmentedStream ByteByByte(byte[] bytes) => new(bytes.Select(b => new[] { b }));

    protected override byte[]? NextPiece() => _segments.Count == 0 ? null : _segments.Dequeue();
}
