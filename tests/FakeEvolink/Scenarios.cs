using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>
/// How the fake answers, chosen per request by the model name (or the
/// X-Fake-Scenario header). Any model name that is no scenario gets the echo
/// model, which answers with the last user message, or, asked for rows as
/// Add-EvolinkProperty asks, the fill model. A reply scenario answers
/// whole or streamed, as the request asks; its stream plan adds wire details
/// and faults.
/// </summary>
public sealed class Scenarios
{
    private readonly ConcurrentDictionary<string, Func<ChatCall, Task>> _byName = new(StringComparer.OrdinalIgnoreCase);

    public Scenarios()
    {
        AddReply("fake-reasoning", call => GatewayReplies.Completion(call, call.LastUserText, reasoning: "Thinking about: " + call.LastUserText));
        // A model that thinks inside its content, as MiniMax and some DeepSeek deployments do.
        AddReply("fake-think-tags", call => GatewayReplies.Completion(call, $"<think>Thinking about: {call.LastUserText}</think>\n\n{call.LastUserText}"));
        AddReply("fake-tools", GatewayReplies.ToolCalls);
        AddReply("fake-transcript", call => GatewayReplies.Completion(call, call.Transcript));
        AddReply("fake-extra-fields", call => WithUnknownFields(GatewayReplies.Completion(call, call.LastUserText)));
        Add("fake-html-502", call => Faults.HtmlPageAsync(call.Http, 502));
        Add("fake-not-json", call => PlainAsync(call.Http, 200, "text/html", "<html>maintenance</html>"));

        Add("fake-chaos", Faults.ChaosAsync);
        AddReply("fake-tool-caller", ToolCaller);
        AddReply("fake-fill", FillModel.Answer);
        Add("fake-429-seconds", call => call.Attempt == 1 ? Faults.RateLimitedAsync(call.Http, "seconds", 1) : ReplyAsync(call, Echo(call), StreamPlan.Default));
        Add("fake-429-date", call => call.Attempt == 1 ? Faults.RateLimitedAsync(call.Http, "date", 1.5) : ReplyAsync(call, Echo(call), StreamPlan.Default));
        Add("fake-429-ms", call => call.Attempt == 1 ? Faults.RateLimitedAsync(call.Http, "ms", 0.2) : ReplyAsync(call, Echo(call), StreamPlan.Default));
        Add("fake-429-long", call => Faults.RateLimitedAsync(call.Http, "seconds", 3600));
        Add("fake-503-burst", call => call.Attempt <= 2 ? StatusAsync(call.Http, 503) : ReplyAsync(call, Echo(call), StreamPlan.Default));
        Add("fake-reset-before-headers", call => call.Attempt == 1 ? Faults.ResetBeforeHeadersAsync(call.Http) : ReplyAsync(call, Echo(call), StreamPlan.Default));
        Add("fake-reset-mid-body", call => Faults.ResetMidBodyAsync(call.Http));
        Add("fake-stall-headers", call => call.Attempt == 1 ? Faults.StallBeforeHeadersAsync(call.Http, TimeSpan.FromSeconds(5)) : ReplyAsync(call, Echo(call), StreamPlan.Default));
        Add("fake-never-ending-body", call => Faults.NeverEndingBodyAsync(call.Http));
        Add("fake-malformed-json", call => Faults.MalformedJsonAsync(call.Http));
        Add("fake-invalid-utf8", call => Faults.InvalidUtf8Async(call.Http));

        AddReply("fake-stream-crlf", Echo, new StreamPlan { LineEnding = "\r\n" });
        AddReply("fake-stream-cr", Echo, new StreamPlan { LineEnding = "\r" });
        AddReply("fake-stream-bytewise", Echo, new StreamPlan { OneBytePerWrite = true, LineEnding = "\r\n" });
        AddReply("fake-stream-keepalive", Echo, new StreamPlan { KeepAlives = true });
        AddReply("fake-stream-slow", Echo, new StreamPlan { Delay = TimeSpan.FromMilliseconds(150) });
        AddReply("fake-stream-error", Echo, new StreamPlan { ErrorAfter = 3 });
        AddReply("fake-stream-error-event", Echo, new StreamPlan { ErrorAfter = 3, ErrorAsEvent = true });
        AddReply("fake-stream-cut", Echo, new StreamPlan { CloseAfter = 3 });
        AddReply("fake-stream-reset", Echo, new StreamPlan { ResetAfter = 3 });
        AddReply("fake-stream-stall", Echo, new StreamPlan { StallAfter = 2 });
        AddReply("fake-stream-malformed", Echo, new StreamPlan { MalformedAfter = 2 });
        HostileReplies.AddTo(this);
        TerminalAttacks.AddTo(this);
    }

    /// <summary>Adds or replaces a scenario that writes its own reply; tests use this to script anything.</summary>
    public void Add(string name, Func<ChatCall, Task> respond) => _byName[name] = respond;

    /// <summary>Adds a scenario that answers with a completion: as JSON, or streamed following the plan.</summary>
    public void AddReply(string name, Func<ChatCall, JsonObject> completion, StreamPlan? plan = null) =>
        _byName[name] = call => ReplyAsync(call, completion(call), plan ?? StreamPlan.Default);

    public Func<ChatCall, Task> Find(string? name)
    {
        if (name is not null && _byName.TryGetValue(name, out var found))
            return found;
        if (name is not null && name.StartsWith("fake-status-", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan("fake-status-".Length), out var status))
            return call => StatusAsync(call.Http, status);
        // fake-bare-status-<status>: that status with a code the API does not document, so the status alone decides.
        if (name is not null && name.StartsWith("fake-bare-status-", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan("fake-bare-status-".Length), out var bare))
            return call => GatewayReplies.ErrorAsync(call.Http, bare, $"http_{bare}", $"Failed with HTTP {bare}", "upstream_error");
        // fake-code-<code>: that documented error code with its status and extra fields, as an error reply;
        // fake-stream-code-<code>: the same error inside a stream (HTTP 200), after a first piece of text;
        // fake-stream-first-code-<code>: the same error as the stream's first event, as a wrong key with -Stream gets it.
        foreach (var (prefix, how) in new[] { ("fake-stream-first-code-", CodeIn.StreamAtOnce), ("fake-stream-code-", CodeIn.Stream), ("fake-code-", CodeIn.Reply) })
        {
            if (name is not null && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var code = name.Substring(prefix.Length);
                return call => ErrorCodes.WriteAsync(call, code, how);
            }
        }
        // fake-delay-<ms>: the echo model after a pause that ends early when the client goes away.
        if (name is not null && name.StartsWith("fake-delay-", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan("fake-delay-".Length), out var milliseconds))
            return async call =>
            {
                await Task.Delay(milliseconds, call.Http.RequestAborted);
                await ReplyAsync(call, Plain(call), StreamPlan.Default);
            };
        return call => ReplyAsync(call, Plain(call), StreamPlan.Default);
    }

    /// <summary>What a model that is no scenario answers: the fill model when asked for rows, otherwise the echo model.</summary>
    private static JsonObject Plain(ChatCall call) => FillModel.Asked(call) ? FillModel.Answer(call) : Echo(call);

    public static Task ReplyAsync(ChatCall call, JsonObject completion, StreamPlan plan) =>
        call.Stream ? FakeStream.WriteAsync(call, completion, plan) : GatewayReplies.JsonAsync(call.Http, completion);

    /// <summary>The echo model: every choice (n of them) repeats the last user message.</summary>
    public static JsonObject Echo(ChatCall call) => GatewayReplies.Completion(call, call.LastUserText);

    /// <summary>
    /// A model that uses tools: after the user's message it calls the first
    /// tool offered, with the user's message as the arguments when that is a
    /// JSON object; after the tool's answer it replies "Results: " and what the tools said.
    /// </summary>
    public static JsonObject ToolCaller(ChatCall call)
    {
        var messages = call.Body["messages"]!.AsArray();
        if ((string?)messages[^1]!["role"] == "tool")
            return GatewayReplies.Completion(call, "Results: " + string.Join(" | ",
                System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(messages, m => (string?)m!["role"] == "tool"), m => (string?)m!["content"])));
        var name = (string?)call.Body["tools"]?[0]?["function"]?["name"] ?? "none";
        var text = call.LastUserText.Trim();
        var arguments = text.StartsWith('{') ? text : "{}";
        return GatewayReplies.Completion(call, null, finishReason: "tool_calls", toolCalls: new JsonArray(new JsonObject
        {
            ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
        }));
    }

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
