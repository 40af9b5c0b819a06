using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>
/// How the fake answers, chosen per request by the model name (or the
/// X-Fake-Scenario header). Any model name that is no scenario gets the echo
/// model, which answers with the last user message.
/// </summary>
public sealed class Scenarios
{
    private readonly ConcurrentDictionary<string, Func<ChatCall, Task>> _byName = new(StringComparer.OrdinalIgnoreCase);

    public Scenarios()
    {
        Add("fake-reasoning", call => GatewayReplies.JsonAsync(call.Http,
            GatewayReplies.Completion(call, call.LastUserText, reasoning: "Thinking about: " + call.LastUserText)));
        Add("fake-extra-fields", call => GatewayReplies.JsonAsync(call.Http, WithUnknownFields(GatewayReplies.Completion(call, call.LastUserText))));
        Add("fake-html-502", call => PlainAsync(call.Http, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        Add("fake-not-json", call => PlainAsync(call.Http, 200, "text/html", "<html>maintenance</html>"));
    }

    /// <summary>Adds or replaces a scenario; tests use this to script replies.</summary>
    public void Add(string name, Func<ChatCall, Task> respond) => _byName[name] = respond;

    public Func<ChatCall, Task> Find(string? name)
    {
        if (name is not null && _byName.TryGetValue(name, out var found))
            return found;
        if (name is not null && name.StartsWith("fake-status-", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan("fake-status-".Length), out var status))
            return call => StatusAsync(call.Http, status);
        return Echo;
    }

    private static Task Echo(ChatCall call) =>
        GatewayReplies.JsonAsync(call.Http, GatewayReplies.Completion(call, call.LastUserText));

    /// <summary>An error as the real gateway words it for that status.</summary>
    public static Task StatusAsync(HttpContext http, int status)
    {
        var (code, type, message) = status switch
        {
            400 => ("invalid_parameter", "invalid_request_error", "Invalid parameter"),
            401 => ("invalid_api_key", "authentication_error", "Invalid API key"),
            402 => ("insufficient_quota", "insufficient_quota", "Insufficient balance"),
            403 => ("model_not_allowed", "permission_error", "This key may not use this model"),
            404 => ("model_not_found", "invalid_request_error", "The model does not exist"),
            408 => ("request_timeout", "timeout_error", "Request timed out"),
            429 => ("rate_limit_exceeded", "rate_limit_error", "Too many requests"),
            503 => ("service_unavailable", "upstream_error", "Service temporarily unavailable"),
            _ => ("no_available_channel", "upstream_error", "No available channel for this model"),
        };
        if (status == 429)
            http.Response.Headers.RetryAfter = "2";
        var extra = status == 402 ? new JsonObject { ["remaining_credits"] = 0.25 } : null;
        return GatewayReplies.ErrorAsync(http, status, code, message, type, extra: extra);
    }

    private static async Task PlainAsync(HttpContext http, int status, string contentType, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body);
    }

    private static JsonObject WithUnknownFields(JsonObject completion)
    {
        completion["service_tier"] = "default";
        completion["brand_new_field"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        var choice = completion["choices"]![0]!.AsObject();
        choice["unknown_choice_field"] = true;
        choice["message"]!["annotations"] = new JsonArray();
        completion["usage"]!["prompt_cache_hit_tokens"] = 3;
        completion["usage"]!["cost"] = 0.0012;
        return completion;
    }
}
