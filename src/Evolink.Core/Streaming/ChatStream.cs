using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;

namespace Evolink.Streaming;

/// <summary>
/// A streamed reply: enumerate it for chunks as they arrive; once the
/// enumeration ends normally, <see cref="Response"/> holds the assembled
/// reply, equal to what a non-streamed call returns. Nothing is sent until
/// it is enumerated, and it can be enumerated once.
/// </summary>
public sealed class ChatStream : IAsyncEnumerable<ChatChunk>
{
    private readonly IAsyncEnumerable<ChatChunk> _chunks;
    private readonly System.Func<ChatStream, System.Action<ChatChunk>?, CancellationToken, Task<ChatResponse>> _toEnd;

    internal ChatStream(System.Func<ChatStream, IAsyncEnumerable<ChatChunk>> run,
        System.Func<ChatStream, System.Action<ChatChunk>?, CancellationToken, Task<ChatResponse>> toEnd)
    {
        _chunks = run(this);
        _toEnd = toEnd;
    }

    /// <summary>The whole reply, set when the stream has ended normally.</summary>
    public ChatResponse? Response { get; internal set; }

    public IAsyncEnumerator<ChatChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _chunks.GetAsyncEnumerator(cancellationToken);

    /// <summary>Reads the whole stream and returns the assembled reply.</summary>
    public Task<ChatResponse> ToResponseAsync(CancellationToken cancellationToken = default) => ToResponseAsync(null, cancellationToken);

    /// <summary>Reads the whole stream, handing each chunk to <paramref name="onChunk"/> as it arrives, and returns the assembled reply.</summary>
    public Task<ChatResponse> ToResponseAsync(System.Action<ChatChunk>? onChunk, CancellationToken cancellationToken = default) =>
        _toEnd(this, onChunk, cancellationToken);
}
