using System;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Serialization;
using Evolink.Transport;

namespace Evolink.Streaming;

/// <summary>
/// One streamed reply being read: SSE events in, typed chunks out, and every
/// way the stream can end turned into a normal end or an error that keeps
/// what arrived.
/// </summary>
internal sealed class ChatStreamSession : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly StreamWatchdog _watchdog;
    private readonly SseReader _reader;
    private readonly CancellationToken _caller;
    private readonly ChunkReader _chunks = new();
    private readonly SecretRedactor _redactor;
    private int _events;

    private ChatStreamSession(HttpResponseMessage response, Stream body, EvolinkClientOptions options, CancellationToken caller)
    {
        _response = response;
        _body = body;
        _caller = caller;
        _redactor = options.Redactor;
        _watchdog = new StreamWatchdog(options.OperationTimeout, caller, body);
        _reader = new SseReader(body, options.MaxEventBytes, _watchdog, bufferSize: 64 * 1024);
        Assembler.RequestId = ReplyHeaders.RequestId(response, _redactor);
        Assembler.IdempotencyReplayed = ReplyHeaders.Replayed(response);
        Assembler.FromCache = ReplyHeaders.Cached(response);
    }

    public ChatStreamAssembler Assembler { get; } = new();

    public static async Task<ChatStreamSession> OpenAsync(HttpResponseMessage response, EvolinkClientOptions options, CancellationToken caller)
    {
        var body = new BoundedStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), options.MaxReplyBytes);
        return new ChatStreamSession(response, body, options, caller);
    }

    /// <summary>
    /// The next chunk, or null when the reply is complete. While events are
    /// already buffered this runs synchronously: no state machine, no
    /// allocation but the chunk's own.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public ValueTask<ChatChunk?> NextAsync()
    {
        while (true)
        {
            var read = ReadEvent();
            if (!read.IsCompletedSuccessfully)
                return NextAfterAsync(read);
            if (Take(read.Result, out var chunk))
                return new ValueTask<ChatChunk?>(chunk);
        }
    }

    private async ValueTask<ChatChunk?> NextAfterAsync(ValueTask<bool> pending)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                more = ContinueAfter(ex);
            }
            if (Take(more, out var chunk))
                return chunk;
            pending = ReadEvent();
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private ValueTask<bool> ReadEvent()
    {
        try
        {
            return _reader.ReadEventAsync(_watchdog.Token);
        }
        catch (Exception ex)
        {
            return new ValueTask<bool>(ContinueAfter(ex));
        }
    }

    /// <summary>
    /// Handles the event just read (or the end, when <paramref name="more"/>
    /// is false): true with the chunk to hand out (null at the end of the
    /// reply), false for an event that carries no chunk.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    private bool Take(bool more, out ChatChunk? chunk)
    {
        chunk = null;
        if (!more)
            return Assembler.AllChoicesFinished ? true : throw Truncated(null);
        _events++;
        var data = _reader.Data;
        if (_reader.EventType == "error")
            throw StreamError(data.ToArray());
        if (_reader.EventType != "message" || IsBlank(data))
            return false;
        if (IsDone(data))
            return true;

        try
        {
            chunk = _chunks.Read(data);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            // InvalidOperationException: text that is not valid UTF-8; Format/Overflow: a number of the wrong kind or size.
            throw Fail(EvolinkErrorKind.InvalidResponse,
                $"Streamed event #{_events} is not a chunk this client can read ({ex.Message}): {ErrorBodyReader.Snippet(data.ToArray(), _redactor)}", ex);
        }
        if (chunk.Error is not null)
            throw StreamError(data.ToArray());
        try
        {
            Assembler.Add(chunk);
        }
        catch (InvalidDataException ex)
        {
            throw Fail(EvolinkErrorKind.InvalidResponse, $"Streamed event #{_events} cannot be part of a reply: {ex.Message}", ex);
        }
        return true;
    }

    /// <summary>
    /// What a failed read means: false when the connection closed after every
    /// choice had finished (the reply is whole); otherwise the error to throw,
    /// keeping what arrived.
    /// </summary>
    private bool ContinueAfter(Exception ex)
    {
        if (ex is ReplyTooLargeException tooLarge)
            throw Fail(EvolinkErrorKind.InvalidResponse, GatewayTransport.TooLargeMessage(tooLarge.Limit), ex, EvolinkRemedy.ReplySizeLimit);
        if (ex is SseEventTooLargeException tooLong)
            throw Fail(EvolinkErrorKind.InvalidResponse,
                $"A streamed line was longer than {tooLong.Limit} bytes, the most this client accepts. Raise MaxEventBytes if such replies are expected.", ex);
        if (_caller.IsCancellationRequested && !_watchdog.TimedOut)
            throw new OperationCanceledException("The stream was cancelled.", ex, _caller);
        if (_watchdog.TimedOut)
            throw Fail(EvolinkErrorKind.Timeout,
                $"The stream sent nothing for {_watchdog.IdleLimit!.Value.TotalSeconds:0.###} s. What arrived is kept on the error.", null, EvolinkRemedy.OperationTimeout);
        if (ex is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
            return Assembler.AllChoicesFinished ? false : throw Truncated(ex);
        ExceptionDispatchInfo.Capture(ex).Throw();
        return false;
    }

    private static bool IsMalformed(Exception ex) =>
        ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or InvalidCastException;

    private static bool IsDone(ReadOnlySpan<byte> data) => Trim(data).SequenceEqual("[DONE]"u8);

    private static bool IsBlank(ReadOnlySpan<byte> data) => Trim(data).IsEmpty;

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> data)
    {
        var start = 0;
        var end = data.Length;
        while (start < end && data[start] <= (byte)' ') start++;
        while (end > start && data[end - 1] <= (byte)' ') end--;
        return data.Slice(start, end - start);
    }

    private EvolinkException Truncated(Exception? cause)
    {
        var received = Assembler.ToResponse().Text.Length;
        var how = cause is null ? "the connection closed" : $"the connection broke ({cause.GetBaseException().Message})";
        return Fail(EvolinkErrorKind.StreamTruncated,
            $"The stream ended before the reply was complete: {how} before [DONE] and before every choice had a finish reason. " +
            $"{received} characters had arrived; they are kept on the error's PartialResponse. Try again.", cause);
    }

    private EvolinkException StreamError(byte[] body)
    {
        var error = ErrorBodyReader.Read(body, _redactor);
        // The same code means the same thing inside a stream (HTTP 200) as in an error reply; a numeric code is a status.
        var status = int.TryParse(error.Code, out var numeric) && numeric >= 400 && numeric <= 599 ? numeric : 200;
        var kind = GatewayErrorCodes.Find(error.Code)?.Kind ?? (status == 200 ? EvolinkErrorKind.ServerError : EvolinkApiException.KindOf(status));
        var requestId = Assembler.RequestId ?? error.RequestId;
        return new EvolinkApiException(kind, status, error, requestId, ErrorMessages.InStream(error, requestId)) { PartialResponse = Assembler.ToResponse() };
    }

    private EvolinkException Fail(EvolinkErrorKind kind, string message, Exception? cause, EvolinkRemedy remedy = EvolinkRemedy.None) =>
        new(kind, message, cause, remedy) { RequestId = Assembler.RequestId, PartialResponse = Assembler.ToResponse() };

    public void Dispose()
    {
        _watchdog.Dispose();
        _reader.Dispose();
        _body.Dispose();
        _response.Dispose();
    }
}
