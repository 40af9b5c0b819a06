using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>The faults a real gateway and the network between show, for the reliability tests.</summary>
public static class Faults
{
    /// <summary>429 with Retry-After in seconds, as an HTTP date, or as retry-after-ms.</summary>
    public static Task RateLimitedAsync(HttpContext http, string retryAfterForm, double seconds)
    {
        switch (retryAfterForm)
        {
            case "seconds":
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(seconds)).ToString();
                break;
            case "date":
                http.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("R");
                break;
            default:
                http.Response.Headers["retry-after-ms"] = ((int)(seconds * 1000)).ToString();
                break;
        }
        return GatewayReplies.ErrorAsync(http, 429, "rate_limit_exceeded", "Too many requests", "rate_limit_error");
    }

    /// <summary>Resets the connection, and notes it so the reply is never counted as delivered.</summary>
    public static void Reset(HttpContext http)
    {
        http.Items[AbortedKey] = true;
        http.Abort();
    }

    public const string AbortedKey = "fake-aborted";

    /// <summary>The connection reset before any byte of the reply.</summary>
    public static Task ResetBeforeHeadersAsync(HttpContext http)
    {
        Reset(http);
        return Task.CompletedTask;
    }

    /// <summary>A 200 whose JSON body breaks off with a reset half way.</summary>
    public static async Task ResetMidBodyAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"id\":\"chatcmpl-partial\",\"choices\":[{\"index\":0,"));
        await http.Response.Body.FlushAsync();
        await Task.Delay(150);
        Reset(http);
    }

    /// <summary>No reply headers for a while (longer than a client's connection timeout).</summary>
    public static Task StallBeforeHeadersAsync(HttpContext http, TimeSpan stall) => Task.Delay(stall, http.RequestAborted);

    /// <summary>Headers and the start of a body, then nothing, with the connection left open: a body that never ends.</summary>
    public static async Task NeverEndingBodyAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"id\":\"chatcmpl-slow\","));
        await http.Response.Body.FlushAsync();
        await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, http.RequestAborted).ContinueWith(_ => { });
    }

    /// <summary>A proxy's HTML error page instead of the gateway's JSON.</summary>
    public static async Task HtmlPageAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html";
        await http.Response.WriteAsync($"<html><body><h1>{status} Bad Gateway</h1></body></html>");
    }

    /// <summary>A 200 whose body is broken JSON.</summary>
    public static Task MalformedJsonAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":");
    }

    /// <summary>
    /// The chaos model: the prompt "chaos:KIND:…" picks the fault for that
    /// input, so a test knows what each input must end as.
    /// </summary>
    public static Task ChaosAsync(ChatCall call)
    {
        var kind = call.LastUserText.Split(':')[1];
        var http = call.Http;
        return kind switch
        {
            "503x2" when call.Attempt <= 2 => Scenarios.StatusAsync(http, 503),
            "429" when call.Attempt == 1 => RateLimitedAsync(http, "ms", 0.05),
            "reset" when call.Attempt == 1 => ResetBeforeHeadersAsync(http),
            "stall" when call.Attempt == 1 => StallBeforeHeadersAsync(http, TimeSpan.FromSeconds(3)),
            "500" => Scenarios.StatusAsync(http, 500),
            "400" => Scenarios.StatusAsync(http, 400),
            "html" => HtmlPageAsync(http, 502),
            "midbody" => ResetMidBodyAsync(http),
            "malformed" => MalformedJsonAsync(http),
            _ => GatewayReplies.JsonAsync(http, Scenarios.Echo(call)),
        };
    }

    /// <summary>A 200 whose body is not valid UTF-8.</summary>
    public static Task InvalidUtf8Async(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"AB\"},\"finish_reason\":\"stop\"}]}");
        var at = Array.IndexOf(bytes, (byte)'B');
        bytes[at] = 0xFF;
        return http.Response.Body.WriteAsync(bytes).AsTask();
    }
}
