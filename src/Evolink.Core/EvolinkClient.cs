using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json.Serialization.Metadata;

namespace Evolink;

/// <summary>
/// The Evolink chat API for .NET: complete a chat, list models. Cheap to
/// create; all clients share one connection pool unless given a handler.
/// </summary>
public sealed class EvolinkClient
{
    private readonly GatewayTransport _transport;
    private readonly HttpClient _http;

    public EvolinkClient(EvolinkClientOptions options)
    {
        Options = options;
        _http = options.Handler is null ? SharedHttp.Client : SharedHttp.Create(options.Handler);
        _transport = new GatewayTransport(options, _http);
    }

    public EvolinkClientOptions Options { get; }

    /// <summary>Sends a chat and returns the whole reply.</summary>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(request);
        var body = Serialize(prepared);
        using var response = await _transport.SendAsync(HttpMethod.Post, "v1/chat/completions", body, cancellationToken).ConfigureAwait(false);
        var reply = await ReadJsonAsync(response, EvolinkJsonContext.Default.ChatResponse, cancellationToken).ConfigureAwait(false);
        reply.RequestId = ReplyHeaders.RequestId(response, Options.Redactor);
        return Finish(prepared, reply);
    }

    /// <summary>
    /// Sends a chat with <c>"stream": true</c> (and a usage chunk) and yields
    /// each chunk the moment its event is parsed; the body is never buffered.
    /// </summary>
    public ChatStream StreamAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        new(owner => RunStreamAsync(request, owner, cancellationToken));

    private async IAsyncEnumerable<ChatChunk> RunStreamAsync(ChatRequest request, ChatStream owner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prepared = Prepare(request);
        var streaming = prepared.Copy();
        streaming.Stream = true;
        streaming.StreamOptions = new StreamOptions { IncludeUsage = true };
        var response = await _transport.SendAsync(HttpMethod.Post, "v1/chat/completions", Serialize(streaming), cancellationToken, "text/event-stream").ConfigureAwait(false);
        ChatStreamSession opened;
        try
        {
            opened = await ChatStreamSession.OpenAsync(response, Options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        using var session = opened;
        while (await session.NextAsync().ConfigureAwait(false) is { } chunk)
            yield return chunk;
        var whole = session.Assembler.ToResponse();
        whole.Streamed = true;
        owner.Response = Finish(prepared, whole);
    }

    /// <summary>The models this key may use.</summary>
    public async Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, "v1/models", null, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, EvolinkJsonContext.Default.ModelList, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The account's and the key's balance. The credits endpoint lives on
    /// api.evolink.ai: with the default base URI the call goes there; a base
    /// URI the user chose is asked as it is.
    /// </summary>
    public async Task<CreditBalance> GetCreditsAsync(CancellationToken cancellationToken = default)
    {
        var transport = Options.FallbackBaseUri is { } documented && Options.BaseUri == EvolinkClientOptions.DefaultBaseUri
            ? new GatewayTransport(Options.WithBaseUri(documented), _http)
            : _transport;
        using var response = await transport.SendAsync(HttpMethod.Get, "v1/credits", null, cancellationToken).ConfigureAwait(false);
        return CreditBalance.From(await ReadJsonAsync(response, EvolinkJsonContext.Default.CreditsReply, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The exact JSON this client sends for a request (for logs, tests and -WhatIf).</summary>
    public string ToJson(ChatRequest request) => System.Text.Encoding.UTF8.GetString(Serialize(Prepare(request)));

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
    private static ChatResponse Finish(ChatRequest request, ChatResponse reply)
    {
        var messages = new List<ChatMessage>(request.Messages);
        if (reply.Choices.Count > 0 && reply.Choices[0].Message is { } answer)
            messages.Add(answer);
        reply.Conversation = new Conversation { Model = reply.Model ?? request.Model, Messages = messages };
        StructuredOutput.Apply(reply, request.ResponseFormat);
        return reply;
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var body = await GatewayTransport.ReadAllAsync(response, Options, cancellationToken).ConfigureAwait(false);
        T? value = null;
        try
        {
            value = JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            // Reported below with the status and the body's first bytes.
        }
        return value ?? throw new EvolinkException(EvolinkErrorKind.InvalidResponse,
            $"The gateway answered HTTP {(int)response.StatusCode} with a body that is not the JSON the API documents: " +
            $"{ErrorBodyReader.Snippet(body, Options.Redactor)} A proxy may be in the way; check the base URI.")
        {
            RequestId = ReplyHeaders.RequestId(response, Options.Redactor),
        };
    }
}
