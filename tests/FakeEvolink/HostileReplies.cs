using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>
/// A gateway or proxy that works against the client: it echoes the key it
/// was sent in every place a reply has text. Models "hostile-echo-…".
/// </summary>
public static class HostileReplies
{
    public static void AddTo(Scenarios scenarios)
    {
        foreach (var status in new[] { 400, 401, 403, 429, 500 })
            scenarios.Add($"hostile-echo-{status}", call => EchoErrorAsync(call, status));
        scenarios.Add("hostile-echo-html-502", call => PlainAsync(call.Http, 502, "text/html",
            $"<html><body><h1>502 Bad Gateway</h1><pre>POST /v1/chat/completions\nAuthorization: {call.Http.Request.Headers.Authorization}\n</pre></body></html>"));
        scenarios.Add("hostile-echo-malformed", call => PlainAsync(call.Http, 200, "application/json", "{ \"choices\": [ broken " + Key(call)));
        scenarios.Add("hostile-echo-stream-event", call => StreamAsync(call, $"event: error\ndata: {{\"error\":{{\"message\":\"upstream refused {Bearer(call)}\",\"code\":\"{Key(call)}\"}}}}\n\n"));
        scenarios.Add("hostile-echo-stream-chunk", call => StreamAsync(call, $"data: {{\"error\":{{\"message\":\"{Key(call)}\",\"param\":\"{Key(call)[..14]}\"}}}}\n\n"));
        scenarios.Add("hostile-echo-stream-malformed", call => StreamAsync(call, $"data: {{\"choices\": [ {Key(call)}\n\n"));

        // Bodies that would take all memory or all time.
        scenarios.Add("hostile-huge-body", call => RepeatAsync(call.Http, 200, "application/json", "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"", "x", HugeBodyBytes));
        scenarios.Add("hostile-huge-error", call => RepeatAsync(call.Http, 500, "application/json", "{\"error\":{\"message\":\"start of a huge error ", "y", HugeErrorBytes));
        scenarios.Add("hostile-gzip-bomb", GzipBombAsync);
        scenarios.Add("hostile-endless-stream", call => EndlessStreamAsync(call, keepAlivesOnly: false));
        scenarios.Add("hostile-keepalives-forever", call => EndlessStreamAsync(call, keepAlivesOnly: true));
        scenarios.Add("hostile-drip", DripAsync);

        // Values no reader expects.
        scenarios.Add("hostile-created-fraction", call => StreamAsync(call, "data: {\"id\":\"c\",\"created\":1.5,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n"));
        scenarios.Add("hostile-created-huge", call => StreamAsync(call, "data: {\"id\":\"c\",\"created\":1e400,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n"));
        scenarios.Add("hostile-index-overflow", call => StreamAsync(call, "data: {\"id\":\"c\",\"choices\":[{\"index\":3000000000,\"delta\":{\"content\":\"x\"}}]}\n\n"));
        scenarios.Add("hostile-tool-index-far", call => StreamAsync(call, ToolFragment(3000000)));
        scenarios.Add("hostile-tool-index-negative", call => StreamAsync(call, ToolFragment(-1)));
        scenarios.Add("hostile-utf8-error-body", call => BytesAsync(call.Http, 500, "application/json",
            Concat("{\"error\":{\"message\":\"bad \u00e9 "u8.ToArray(), new byte[] { 0xC3, 0x28, 0xFF }, "\"}}"u8.ToArray())));
        scenarios.Add("hostile-utf8-error-event", call => StreamAsync(call, "event: error\ndata: {\"error\":{\"message\":\"\udc00\"}}\n\n"));
        scenarios.Add("hostile-retry-after-huge", call => RetryAfterAsync(call.Http, "1e300"));
        scenarios.Add("hostile-retry-after-infinity", call => RetryAfterAsync(call.Http, "Infinity"));
        foreach (var status in new[] { 301, 302, 303, 307, 308 })
            scenarios.Add($"hostile-redirect-{status}", call => RedirectAsync(call.Http, status));
    }

    /// <summary>How much the huge-body and huge-error scenarios send (the memory benchmark raises them).</summary>
    public static long HugeBodyBytes { get; set; } = 64L * 1024 * 1024;
    public static long HugeErrorBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Where the redirect scenarios send the client; a test points it at a server of its own.</summary>
    public static string RedirectTarget { get; set; } = "http://127.0.0.1:9/elsewhere";

    private static string ToolFragment(long index) =>
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n";

    private static byte[] Concat(params byte[][] parts) => System.Linq.Enumerable.ToArray(System.Linq.Enumerable.SelectMany(parts, p => p));

    /// <summary>A prefix, then one character repeated until <paramref name="total"/> bytes or the client goes away.</summary>
    private static async Task RepeatAsync(HttpContext http, int status, string contentType, string prefix, string fill, long total)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(prefix);
        var block = System.Text.Encoding.ASCII.GetBytes(new string(fill[0], 64 * 1024));
        try
        {
            for (long sent = 0; sent < total && !http.RequestAborted.IsCancellationRequested; sent += block.Length)
                await http.Response.Body.WriteAsync(block, http.RequestAborted);
        }
        catch (System.Exception ex) when (ex is System.OperationCanceledException or System.IO.IOException)
        {
        }
    }

    /// <summary>A small gzip body that inflates to a JSON reply of 400 MB of one letter; made once.</summary>
    private static readonly System.Lazy<byte[]> Bomb = new(() =>
    {
        var packed = new System.IO.MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.ASCII.GetBytes("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""));
            var letters = System.Text.Encoding.ASCII.GetBytes(new string('b', 1024 * 1024));
            for (var i = 0; i < 400; i++)
                gzip.Write(letters);
            gzip.Write(System.Text.Encoding.ASCII.GetBytes("\"},\"finish_reason\":\"stop\"}]}"));
        }
        return packed.ToArray();
    });

    private static async Task GzipBombAsync(ChatCall call)
    {
        call.Http.Response.ContentType = "application/json";
        call.Http.Response.Headers.ContentEncoding = "gzip";
        try
        {
            await call.Http.Response.Body.WriteAsync(Bomb.Value, call.Http.RequestAborted);
        }
        catch (System.Exception ex) when (ex is System.OperationCanceledException or System.IO.IOException)
        {
        }
    }

    /// <summary>Chunks (or keep-alive comments) as fast as the client reads, never [DONE].</summary>
    private static async Task EndlessStreamAsync(ChatCall call, bool keepAlivesOnly)
    {
        call.Http.Response.ContentType = "text/event-stream";
        var text = keepAlivesOnly ? ": keep-alive\n\n" : "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('z', 4000) + "\"}}]}\n\n";
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        try
        {
            while (!call.Http.RequestAborted.IsCancellationRequested)
            {
                await call.Http.Response.Body.WriteAsync(bytes, call.Http.RequestAborted);
                await call.Http.Response.Body.FlushAsync(call.Http.RequestAborted);
                if (keepAlivesOnly)
                    await Task.Delay(50, call.Http.RequestAborted);
            }
        }
        catch (System.Exception ex) when (ex is System.OperationCanceledException or System.IO.IOException)
        {
        }
    }

    /// <summary>A whole reply, one byte every 100 ms: never silent long enough for an idle limit.</summary>
    private static async Task DripAsync(ChatCall call)
    {
        call.Http.Response.ContentType = "application/json";
        var body = GatewayReplies.Completion(call, call.LastUserText).ToJsonString();
        try
        {
            foreach (var c in body)
            {
                await call.Http.Response.WriteAsync(c.ToString(), call.Http.RequestAborted);
                await call.Http.Response.Body.FlushAsync(call.Http.RequestAborted);
                await Task.Delay(100, call.Http.RequestAborted);
            }
        }
        catch (System.Exception ex) when (ex is System.OperationCanceledException or System.IO.IOException)
        {
        }
    }

    private static Task RetryAfterAsync(HttpContext http, string milliseconds)
    {
        http.Response.Headers["retry-after-ms"] = milliseconds;
        return GatewayReplies.ErrorAsync(http, 429, "rate_limit_exceeded", "Too many requests", "rate_limit_error");
    }

    private static Task RedirectAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.Location = RedirectTarget;
        return Task.CompletedTask;
    }

    private static async Task BytesAsync(HttpContext http, int status, string contentType, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.Body.WriteAsync(body);
    }

    private static string Bearer(ChatCall call) => call.Http.Request.Headers.Authorization.ToString();

    private static string Key(ChatCall call) => Bearer(call).Replace("Bearer ", string.Empty);

    /// <summary>The documented error shape with the key in every field, in extra fields, and in the request id header.</summary>
    private static Task EchoErrorAsync(ChatCall call, int status)
    {
        var key = Key(call);
        call.Http.Response.Headers["x-request-id"] = "req-" + key;
        if (status == 429)
            call.Http.Response.Headers.RetryAfter = "0";
        return GatewayReplies.ErrorAsync(call.Http, status, "code-" + key, $"The key {Bearer(call)} was refused (first part {key[..16]}…)",
            type: key, param: key, extra: new JsonObject
            {
                ["request_id"] = key,
                ["headers"] = new JsonObject { ["authorization"] = Bearer(call) },
                ["seen"] = new JsonArray(key, key[..12]),
            });
    }

    /// <summary>One good chunk, then the hostile event.</summary>
    private static async Task StreamAsync(ChatCall call, string hostileEvent)
    {
        call.Http.Response.ContentType = "text/event-stream";
        call.Http.Response.Headers["x-request-id"] = "req-" + Key(call);
        await call.Http.Response.WriteAsync("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi \"}}]}\n\n");
        await call.Http.Response.WriteAsync(hostileEvent);
    }

    private static async Task PlainAsync(HttpContext http, int status, string contentType, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body);
    }
}
