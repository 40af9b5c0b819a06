using System.Net.Http;
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

    public EvolinkClient(EvolinkClientOptions options)
    {
        Options = options;
        var http = options.Handler is null ? SharedHttp.Client : SharedHttp.Create(options.Handler);
        _transport = new GatewayTransport(options, http);
    }

    public EvolinkClientOptions Options { get; }

    /// <summary>Sends a chat and returns the whole reply.</summary>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var body = Serialize(Prepare(request));
        using var response = await _transport.SendAsync(HttpMethod.Post, "v1/chat/completions", body, cancellationToken).ConfigureAwait(false);
        var reply = await ReadJsonAsync(response, EvolinkJsonContext.Default.ChatResponse, cancellationToken).ConfigureAwait(false);
        reply.RequestId = ReplyHeaders.RequestId(response);
        return reply;
    }

    /// <summary>The models this key may use.</summary>
    public async Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, "v1/models", null, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, EvolinkJsonContext.Default.ModelList, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The exact JSON this client sends for a request (for logs, tests and -WhatIf).</summary>
    public string ToJson(ChatRequest request) => System.Text.Encoding.UTF8.GetString(Serialize(Prepare(request)));

    private ChatRequest Prepare(ChatRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
            request.Model = Options.DefaultModel;
        return request;
    }

    private static byte[] Serialize(ChatRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, EvolinkJsonContext.Default.ChatRequest);

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var body = await GatewayTransport.ReadAllAsync(response, cancellationToken).ConfigureAwait(false);
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
            $"{ErrorBodyReader.Snippet(body)} A proxy may be in the way; check the base URI.")
        {
            RequestId = ReplyHeaders.RequestId(response),
        };
    }
}
