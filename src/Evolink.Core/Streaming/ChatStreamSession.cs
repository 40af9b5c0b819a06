using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

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
        _reader = new SseReader(body, options.MaxEventBytes, _watchdog);
        Assembler.RequestId = ReplyHeaders.RequestId(response, _redactor);
    }

    public ChatStreamAssembler Assembler { get; } = new();

    public static async Task<ChatStreamSession> OpenAsync(HttpResponseMessage response, EvolinkClientOptions options, CancellationToken caller)
    {
        var body = new BoundedStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), options.MaxReplyBytes);
        return new ChatStreamSession(response, body, options, caller);
    }

    /// <summary>The next chunk, or null when the reply is complete; no allocation when the event is already buffered.</summary>
    public async ValueTask<ChatChunk?> NextAsync()
    {
        while (true)
        {
            if (!await ReadEventAsync().ConfigureAwait(false))
                return Assembler.AllChoicesFinished ? null : throw Truncated(null);
            _events++;
            var data = _reader.Data;
            if (_reader.EventType == "error")
                throw StreamError(data.ToArray());
            if (_reader.EventType != "message" || IsBlank(data))
                continue;
            if (IsDone(data))
                return null;

            ChatChunk chunk;
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
            return chunk;
        }
    }

    private async ValueTask<bool> ReadEventAsync()
    {
        try
        {
            return await _reader.ReadEventAsync(_watchdog.Token).ConfigureAwait(false);
        }
        catch (ReplyTooLargeException ex)
        {
            throw Fail(EvolinkErrorKind.InvalidResponse, GatewayTransport.TooLargeMessage(ex.Limit), ex, EvolinkRemedy.ReplySizeLimit);
        }
        catch (SseEventTooLargeException ex)
        {
            throw Fail(EvolinkErrorKind.InvalidResponse,
                $"A streamed line was longer than {ex.Limit} bytes, the most this client accepts. Raise MaxEventBytes if such replies are expected.", ex);
        }
        catch (Exception ex) when (_caller.IsCancellationRequested && !_watchdog.TimedOut)
        {
            throw new OperationCanceledException("The stream was cancelled.", ex, _caller);
        }
        catch (Exception) when (_watchdog.TimedOut)
        {
            throw Fail(EvolinkErrorKind.Timeout,
                $"The stream sent nothing for {_watchdog.IdleLimit!.Value.TotalSeconds:0.###} s. What arrived is kept on the error.", null, EvolinkRemedy.OperationTimeout);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            if (Assembler.AllChoicesFinished)
                return false;
            throw Truncated(ex);
        }
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
        var status = int.TryParse(error.Code, out var numeric) && numeric >= 400 && numeric <= 599 ? numeric : 200;
        var kind = status == 200 ? EvolinkErrorKind.ServerError : EvolinkApiException.KindOf(status);
        var requestId = Assembler.RequestId ?? error.RequestId;
        var message = $"The gateway reported an error in the middle of the stream: {error.Message ?? "no message"}" +
                      (error.Code is null ? string.Empty : $" ({error.Code})") +
                      ". What arrived before it is kept on the error's PartialResponse." +
                      (requestId is null ? string.Empty : $" Request id: {requestId}.");
        return new EvolinkApiException(kind, status, error, requestId, message) { PartialResponse = Assembler.ToResponse() };
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
