using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FakeEvolink;

/// <summary>
/// A Kestrel server that behaves like the Evolink gateway: Bearer check,
/// validation, deterministic replies, x-request-id, and a record of every
/// request it received.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-fake-0123456789abcdef";

    private readonly WebApplication _app;
    private int _sequence;

    private FakeGateway(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }
    public Uri BaseUri { get; private set; } = null!;
    public Scenarios Scenarios { get; } = new();

    /// <summary>Image, video and audio generation tasks, and the result files they link to.</summary>
    public GenerationTasks Generations { get; } = new();

    /// <summary>The file service: uploads and the quota.</summary>
    public FileService Files { get; } = new();

    /// <summary>What GET /v1/models lists; tests may empty it.</summary>
    public System.Collections.Generic.List<string> ModelIds { get; } = new(Models.Ids);

    /// <summary>Set to an error status to make GET /v1/models fail.</summary>
    public int ModelsStatus { get; set; } = 200;

    /// <summary>Set to an error status (402: the balance is spent) to make GET /v1/credits fail.</summary>
    public int CreditsStatus { get; set; } = 200;
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>How many chat requests arrived per idempotency key.</summary>
    public ConcurrentDictionary<string, int> AttemptsByKey { get; } = new();

    /// <summary>Keys whose reply was delivered whole (a 2xx body written to the end).</summary>
    public ConcurrentDictionary<string, bool> DeliveredKeys { get; } = new();

    /// <summary>Requests that came again after their key's reply had already been delivered: a client must send none.</summary>
    public int RequestsAfterDelivery => _requestsAfterDelivery;

    public ConcurrentQueue<string> KeysSentAfterDelivery { get; } = new();

    /// <summary>Off: the fake keeps no replies (a benchmark's many one-off keys would grow its memory and the figures with it).</summary>
    public bool KeepReplies { get; set; } = true;

    /// <summary>Whole 2xx replies kept per idempotency key (up to <see cref="ReplyCopy.Limit"/> each), replayed for a request with that key.</summary>
    public ConcurrentDictionary<string, KeptReply> Kept { get; } = new();

    /// <summary>Chat requests answered with a whole 2xx reply that was not a replay: what the gateway would charge for.</summary>
    public int Billed => _billed;

    /// <summary>Chat requests answered from <see cref="Kept"/>.</summary>
    public int Replayed => _replayed;

    private int _billed;
    private int _replayed;

    /// <summary>Chat requests being answered right now, and the most there ever were at once.</summary>
    public int InFlight => _inFlight;
    public int MaxInFlight => _maxInFlight;

    private int _requestsAfterDelivery;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>
    /// Off: requests are counted but not kept, nor their attempts per key (a benchmark sends millions; keeping each
    /// one's body and headers would grow the process by gigabytes, and every collection with it).
    /// </summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>How many chat requests arrived, kept or not.</summary>
    public int ChatRequestCount => _chatRequestCount;

    private int _chatRequestCount;

    /// <summary>The chat requests received so far, oldest first.</summary>
    public RecordedRequest[] ChatRequests => Requests.Where(r => r.Path == "/v1/chat/completions").ToArray();

    public static async Task<FakeGateway> StartAsync(string url = "http://127.0.0.1:0", string apiKey = DefaultApiKey,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
            builder.WebHost.UseUrls(url);
        else
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var gateway = new FakeGateway(builder.Build(), apiKey);
        gateway.Map();
        await gateway._app.StartAsync();
        var address = gateway._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        if (certificate is not null)
            gateway.BaseUri = new UriBuilder(gateway.BaseUri) { Scheme = "https" }.Uri;
        return gateway;
    }

    public Task WaitForShutdownAsync(CancellationToken token) => _app.WaitForShutdownAsync(token);

    private void Map()
    {
        _app.Use(async (http, next) =>
        {
            var sequence = Interlocked.Increment(ref _sequence);
            http.Items["sequence"] = sequence;
            http.Response.Headers["x-request-id"] = $"req-fake-{sequence:D6}";
            await Record(http);
            // Result links are public URLs, as the real ones (on a storage host) are.
            if (http.Request.Path.StartsWithSegments("/fake-files"))
            {
                await next(http);
                return;
            }
            if (http.Request.Headers.Authorization != $"Bearer {ApiKey}")
            {
                await GatewayReplies.ErrorAsync(http, 401, "invalid_api_key", "Invalid or missing API key", "authentication_error");
                return;
            }
            await next(http);
        });
        _app.MapPost("/v1/chat/completions", Chat);
        _app.MapGet("/v1/models", http => ModelsStatus == 200 ? GatewayReplies.JsonAsync(http, Models.List(ModelIds)) : Scenarios.StatusAsync(http, ModelsStatus));
        // Not the gateway's: what a test in another process needs to know of what this fake received.
        _app.MapGet("/fake/stats", http => GatewayReplies.JsonAsync(http, new JsonObject
        {
            ["chat_requests"] = ChatRequestCount,
            ["max_in_flight"] = MaxInFlight,
            ["idempotency_keys"] = AttemptsByKey.Count,
            ["billed"] = Billed,
            ["replayed"] = Replayed,
            ["task_reads"] = Generations.Reads,
            ["task_batch_reads"] = Generations.BatchReads,
        }));
        _app.MapPost("/v1/images/generations", http => Generations.CreateAsync(http, "image"));
        _app.MapPost("/v1/videos/generations", http => Generations.CreateAsync(http, "video"));
        _app.MapPost("/v1/audios/generations", http => Generations.CreateAsync(http, "audio"));
        _app.MapGet("/v1/tasks/{id}", (HttpContext http, string id) => Generations.ReadAsync(http, id));
        _app.MapPost("/v1/tasks/batch", Generations.BatchAsync);
        _app.MapPost("/api/v1/files/upload/stream", Files.UploadStreamAsync);
        _app.MapPost("/api/v1/files/upload/base64", Files.UploadBase64Async);
        _app.MapPost("/api/v1/files/upload/url", Files.UploadUrlAsync);
        _app.MapGet("/api/v1/files/quota", Files.QuotaAsync);
        _app.MapGet("/v1/tasks", Generations.ListAsync);
        _app.MapGet("/fake-files/uploads/{id}", (HttpContext http, string id) => Files.ServeAsync(http, id));
        _app.MapGet("/fake-files/{id}/{index:int}.{extension}", (HttpContext http, string id, int index) => Generations.FileAsync(http, id, index));
        _app.MapGet("/v1/credits", http => CreditsStatus == 200 ? GatewayReplies.JsonAsync(http, Models.Credits()) : Scenarios.StatusAsync(http, CreditsStatus));
    }

    private async Task Record(HttpContext http)
    {
        http.Request.EnableBuffering();
        using var reader = new System.IO.StreamReader(http.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        http.Request.Body.Position = 0;
        http.Items["body"] = body;
        if (http.Request.Path == "/v1/chat/completions")
            Interlocked.Increment(ref _chatRequestCount);
        if (!RecordRequests)
            return;
        Requests.Enqueue(new RecordedRequest
        {
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? string.Empty,
            Headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            Body = body,
            Protocol = http.Request.Protocol,
        });
    }

    private async Task Chat(HttpContext http)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(http.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException ex)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_request_error", "Malformed JSON: " + ex.Message);
            return;
        }
        if (body is null)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_request_error", "The body must be a JSON object");
            return;
        }
        if (RequestValidation.Check(body) is { } problem)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", problem.Message, param: problem.Param);
            return;
        }
        string? key = http.Request.Headers["Idempotency-Key"];
        var bodyText = (string)http.Items["body"]!;
        // As the gateway does: a key it has kept a whole reply for gets that reply again, uncharged; with another body, a conflict.
        if (key is not null && Kept.TryGetValue(key, out var kept))
        {
            if (kept.Body != bodyText)
            {
                await GatewayReplies.ErrorAsync(http, 409, "idempotency_conflict", "The Idempotency-Key was used with another request");
                return;
            }
            Interlocked.Increment(ref _replayed);
            http.Response.StatusCode = kept.Status;
            http.Response.ContentType = kept.ContentType;
            http.Response.Headers["idempotency-replayed"] = "true";
            await http.Response.Body.WriteAsync(kept.Reply);
            return;
        }
        var attempt = key is null || !RecordRequests ? 1 : AttemptsByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (key is not null && DeliveredKeys.ContainsKey(key))
        {
            Interlocked.Increment(ref _requestsAfterDelivery);
            KeysSentAfterDelivery.Enqueue(key);
        }
        var call = new ChatCall
        {
            Http = http,
            Body = body,
            Sequence = (int)http.Items["sequence"]!,
            RequestId = http.Response.Headers["x-request-id"].ToString(),
            IdempotencyKey = key,
            Attempt = attempt,
        };
        string? scenario = http.Request.Headers["X-Fake-Scenario"];
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        var copy = key is null || !KeepReplies ? null : new ReplyCopy(http.Response.Body);
        if (copy is not null)
            http.Response.Body = copy;
        try
        {
            await Scenarios.Find(scenario ?? call.Model)(call);
            if (http.Response.StatusCode is >= 200 and < 300 && !http.Items.ContainsKey(Faults.AbortedKey) && !http.RequestAborted.IsCancellationRequested)
            {
                await http.Response.CompleteAsync();
                Interlocked.Increment(ref _billed);
                if (key is not null)
                {
                    if (RecordRequests)
                        DeliveredKeys[key] = true;
                    if (copy?.Whole is { } reply)
                        Kept[key] = new KeptReply(bodyText, http.Response.StatusCode, http.Response.ContentType ?? "application/json", reply);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
