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
