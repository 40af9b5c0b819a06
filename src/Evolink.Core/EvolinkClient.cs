using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json.Serialization.Metadata;
using Evolink.Account;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;
using Evolink.Streaming;
using Evolink.Structured;
using Evolink.Transport;

namespace Evolink;

/// <summary>
/// The Evolink chat API for .NET: complete a chat, list models. Cheap to
/// create; clients with the same network settings share one connection
/// pool unless given a handler.
/// </summary>
public sealed class EvolinkClient
{
    private readonly GatewayTransport _transport;
    private readonly GatewayTransport _multimodal;
    private readonly GatewayTransport _files;
    private readonly HttpClient _http;

    public EvolinkClient(EvolinkClientOptions options)
    {
        Options = options;
        _http = options.Handler is null ? SharedHttp.For(options.Network) : SharedHttp.Create(options.Handler);
        // One store of recorded answers for every host: a task read again and again is answered by each recording in turn.
        var recorded = options.ReplayFile is { } file ? Replay.ResponseStore.Open(file, options.ReplayUse, options.CacheMaximumAge, options.Redactor) : null;
        _transport = new GatewayTransport(options, _http, recorded);
        // Credits and generation tasks are documented on api.evolink.ai, the file service on files-api.evolink.ai: used
        // with the default base URI; a base URI the user chose is used for everything.
        _multimodal = options.FallbackBaseUri is { } documented && options.BaseUri == Settings.DefaultBaseUri
            ? new GatewayTransport(options.WithBaseUri(documented), _http, recorded)
            : _transport;
        _files = options.BaseUri == Settings.DefaultBaseUri ? new GatewayTransport(options.WithBaseUri(FilesBaseUri), _http, recorded) : _transport;
    }

    public EvolinkClientOptions Options { get; }

    /// <summary>Sends a chat and returns the whole reply.</summary>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(request);
        var body = Serialize(prepared);
        return await WithinDeadlineAsync(async token =>
        {
            using var response = await _transport.SendAsync(HttpMethod.Post, "v1/chat/completions", body, token, idempotencyKey: prepared.IdempotencyKey).ConfigureAwait(false);
            var reply = await ReadReplyAsync(response, keepBody: prepared.IdempotencyKey is not null, token).ConfigureAwait(false);
            reply.RequestId = ReplyHeaders.RequestId(response, Options.Redactor);
            reply.IdempotencyReplayed = ReplyHeaders.Replayed(response);
            reply.FromCache = ReplyHeaders.Cached(response);
            return Finish(prepared, reply);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one call within the total time limit; every failure it can meet leaves as an EvolinkException (or the caller's cancellation).</summary>
    private async Task<T> WithinDeadlineAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = new CallDeadline(Options.TotalTimeout, cancellationToken);
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.Translate(ex, (ex as EvolinkException)?.PartialResponse, (ex as EvolinkException)?.RequestId) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Sends a chat with <c>"stream": true</c> (and a usage chunk) and yields
    /// each chunk the moment its event is parsed; the body is never buffered.
    /// </summary>
    public ChatStream StreamAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        new(owner => RunStreamAsync(request, owner, cancellationToken),
            (owner, onChunk, token) => RunToEndAsync(request, owner, onChunk, cancellationToken, token));

    private async IAsyncEnumerable<ChatChunk> RunStreamAsync(ChatRequest request, ChatStream owner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prepared = Prepare(request);
        using var deadline = new CallDeadline(Options.TotalTimeout, cancellationToken);
        using var session = await OpenStreamAsync(prepared, deadline).ConfigureAwait(false);
        while (await NextAsync(session, deadline).ConfigureAwait(false) is { } chunk)
            yield return chunk;
        owner.Response = Finish(prepared, session.Assembler.ToResponse());
    }

    /// <summary>
    /// The same stream read to its end with each chunk handed to a callback:
    /// no enumerator between the parse and the caller, which is what the
    /// cmdlets use.
    /// </summary>
    private async Task<ChatResponse> RunToEndAsync(ChatRequest request, ChatStream owner, Action<ChatChunk>? onChunk,
        CancellationToken streamToken, CancellationToken readToken)
    {
        using var both = readToken.CanBeCanceled && streamToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(streamToken, readToken) : null;
        var prepared = Prepare(request);
        using var deadline = new CallDeadline(Options.TotalTimeout, both?.Token ?? (readToken.CanBeCanceled ? readToken : streamToken));
        using var session = await OpenStreamAsync(prepared, deadline).ConfigureAwait(false);
        while (await NextAsync(session, deadline).ConfigureAwait(false) is { } chunk)
            onChunk?.Invoke(chunk);
        return owner.Response = Finish(prepared, session.Assembler.ToResponse());
    }

    /// <summary>Sends the request with <c>"stream": true</c> (and a usage chunk) and opens its event stream, under the stream's deadline.</summary>
    private Task<ChatStreamSession> OpenStreamAsync(ChatRequest prepared, CallDeadline deadline)
    {
        var streaming = prepared.Copy();
        streaming.Stream = true;
        streaming.StreamOptions = new StreamOptions { IncludeUsage = true };
        var body = Serialize(streaming);
        return WithinDeadlineAsync(async token =>
        {
            var response = await _transport.SendAsync(HttpMethod.Post, "v1/chat/completions", body, token, "text/event-stream", prepared.IdempotencyKey).ConfigureAwait(false);
            try
            {
                return await ChatStreamSession.OpenAsync(response, Options, token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }, deadline);
    }

    /// <summary>
    /// A stream's next chunk; a failure once the deadline has passed is a
    /// timeout that keeps what arrived. Synchronous while chunks are buffered.
    /// </summary>
    private static ValueTask<ChatChunk?> NextAsync(ChatStreamSession session, CallDeadline deadline)
    {
        try
        {
            var next = session.NextAsync();
            return next.IsCompletedSuccessfully ? next : NextAfterAsync(next, session, deadline);
        }
        catch (Exception ex) when (Translate(ex, session, deadline) is { } translated)
        {
            throw translated;
        }
    }

    private static async ValueTask<ChatChunk?> NextAfterAsync(ValueTask<ChatChunk?> pending, ChatStreamSession session, CallDeadline deadline)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, session, deadline) is { } translated)
        {
            throw translated;
        }
    }

    private static EvolinkException? Translate(Exception ex, ChatStreamSession session, CallDeadline deadline) =>
        deadline.Translate(ex, (ex as EvolinkException)?.PartialResponse ?? session.Assembler.ToResponse(), session.Assembler.RequestId);

    /// <summary>Opening a stream, under the stream's own deadline (which goes on while the chunks are read).</summary>
    private static async Task<T> WithinDeadlineAsync<T>(Func<CancellationToken, Task<T>> call, CallDeadline deadline)
    {
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.Translate(ex, (ex as EvolinkException)?.PartialResponse, (ex as EvolinkException)?.RequestId) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The models this key may use.</summary>
    public Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default) => WithinDeadlineAsync(async token =>
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, "v1/models", null, token).ConfigureAwait(false);
        return await ReadJsonAsync(response, AccountJsonContext.Default.ModelList, token).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>
    /// The account's and the key's balance. The credits endpoint lives on
    /// api.evolink.ai: with the default base URI the call goes there; a base
    /// URI the user chose is asked as it is.
    /// </summary>
    public Task<CreditBalance> GetCreditsAsync(CancellationToken cancellationToken = default) => WithinDeadlineAsync(async token =>
    {
        using var response = await MultimodalTransport().SendAsync(HttpMethod.Get, "v1/credits", null, token).ConfigureAwait(false);
        return CreditBalance.From(await ReadJsonAsync(response, AccountJsonContext.Default.CreditsReply, token).ConfigureAwait(false));
    }, cancellationToken);

    /// <summary>The transport to the host of credits and generation tasks (api.evolink.ai with the default base URI).</summary>
    internal GatewayTransport MultimodalTransport() => _multimodal;

    /// <summary>The documented host of the file service, used when the base URI is the default one.</summary>
    public static readonly Uri FilesBaseUri = new("https://files-api.evolink.ai");

    /// <summary>The transport to the file service (files-api.evolink.ai with the default base URI).</summary>
    internal GatewayTransport FilesTransport() => _files;

    /// <summary>The connection pool with this client's network settings, for fetching public links (never with the key).</summary>
    internal HttpClient Http => _http;

    /// <summary>
    /// A reply read whole (bounded as every reply is) and parsed with failure in mind: one that is not JSON, or holds
    /// no <paramref name="what"/>, is an InvalidResponse error quoting its start (the key masked).
    /// </summary>
    internal async Task<T> ReadReplyAsync<T>(HttpResponseMessage response, string what, Func<JsonElement, T?> read, CancellationToken token) where T : class
    {
        var bytes = await GatewayTransport.ReadAllAsync(response, Options, token).ConfigureAwait(false);
        T? found = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            found = read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON of another shape (an array where an object was looked into): reported below.
        }
        return found ?? throw new EvolinkException(EvolinkErrorKind.InvalidResponse,
            $"The gateway answered HTTP {(int)response.StatusCode} without {what}: {ErrorBodyReader.Snippet(bytes, Options.Redactor)}") { RequestId = ReplyHeaders.RequestId(response, Options.Redactor) };
    }

    /// <summary>Runs one call within the total time limit, as every call of this client does.</summary>
    internal Task<T> WithinDeadline<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) => WithinDeadlineAsync(call, cancellationToken);

    /// <summary>
    /// A reply recorded earlier (a run's journal) made whole for this request as a call would make it:
    /// the conversation to continue, and parsed JSON when JSON was asked for.
    /// </summary>
    public ChatResponse Restore(ChatRequest request, ChatResponse recorded) => Finish(Prepare(request), recorded);

    /// <summary>The exact JSON this client sends for a request (for logs, tests and -WhatIf).</summary>
    public string ToJson(ChatRequest request) => System.Text.Encoding.UTF8.GetString(RequestBody(request));

    /// <summary>The exact bytes this client sends for a request (not streamed): what a run names the request by.</summary>
    public byte[] RequestBody(ChatRequest request) => Serialize(Prepare(request));

    /// <summary>The request as sent: with the default model when it names none. The caller's request is never changed.</summary>
    private ChatRequest Prepare(ChatRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Model))
            return request;
        var prepared = request.Copy();
        prepared.Model = Options.DefaultModel;
        return prepared;
    }

    private static byte[] Serialize(ChatRequest request) => request.ToUtf8Json();

    /// <summary>What every reply gets, streamed or not: the conversation so far, and parsed JSON when JSON was asked for.</summary>
    private ChatResponse Finish(ChatRequest request, ChatResponse reply)
    {
        var messages = new List<ChatMessage>(request.Messages);
        if (reply.Choices.Count > 0 && reply.Choices[0].Message is { } answer)
            messages.Add(answer);
        reply.Conversation = new Conversation { Model = reply.Model ?? request.Model, Messages = messages };
        reply.RequestedModel = request.Model;
        StructuredOutput.Apply(reply, request.ResponseFormat, Options.Redactor);
        return reply;
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        Parse(response, await GatewayTransport.ReadAllAsync(response, Options, cancellationToken).ConfigureAwait(false), type);

    /// <summary>
    /// A whole chat reply. For a request a run names (its idempotency key given), the body is kept as sent:
    /// the run's journal records those bytes rather than writing the reply again; other replies do not carry a copy.
    /// </summary>
    private async Task<ChatResponse> ReadReplyAsync(HttpResponseMessage response, bool keepBody, CancellationToken cancellationToken)
    {
        var body = await GatewayTransport.ReadAllAsync(response, Options, cancellationToken).ConfigureAwait(false);
        var reply = Parse(response, body, ChatJsonContext.Default.ChatResponse);
        if (keepBody)
            reply.RawBody = body;
        return reply;
    }

    private T Parse<T>(HttpResponseMessage response, byte[] body, JsonTypeInfo<T> type)
        where T : class
    {
        T? value = null;
        try
        {
            value = JsonSerializer.Deserialize(body, type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            // Reported below with the status and the body's first bytes.
        }
        return value ?? throw new EvolinkException(EvolinkErrorKind.InvalidResponse,
            Sentences.Join($"The gateway answered HTTP {(int)response.StatusCode} with a body that is not the JSON the API documents: " +
                ErrorBodyReader.Snippet(body, Options.Redactor), "A proxy may be in the way; check the base URI"))
        {
            RequestId = ReplyHeaders.RequestId(response, Options.Redactor),
        };
    }
}
