using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>Replies in the real gateway's shapes.</summary>
public static class GatewayReplies
{
    public const long Created = 1760032810;

    public static Task ErrorAsync(HttpContext http, int status, string code, string message, string type = "invalid_request_error", string? param = null, JsonObject? extra = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["type"] = type };
        if (param is not null)
            error["param"] = param;
        if (extra is not null)
        {
            foreach (var (name, value) in extra)
                error[name] = value?.DeepClone();
        }
        http.Response.StatusCode = status;
        return JsonAsync(http, new JsonObject { ["error"] = error });
    }

    public static async Task JsonAsync(HttpContext http, JsonNode body)
    {
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>A usage object with every documented field filled.</summary>
    public static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["text_tokens"] = prompt, ["audio_tokens"] = 0, ["image_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["text_tokens"] = completion, ["audio_tokens"] = 0, ["reasoning_tokens"] = 0 },
        ["input_tokens"] = 0,
        ["output_tokens"] = 0,
        ["input_tokens_details"] = null,
    };

    /// <summary>
    /// A whole chat completion: n choices (the request's n, default 1), each
    /// with the same assistant message. The id depends only on the request's
    /// model and messages, so a streamed and a whole answer to the same
    /// request can be compared field by field.
    /// </summary>
    public static JsonObject Completion(ChatCall call, string? content, string? reasoning = null, string finishReason = "stop", JsonArray? toolCalls = null)
    {
        var count = call.Body["n"]?.GetValue<int>() ?? 1;
        var choices = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
            if (reasoning is not null)
                message["reasoning_content"] = reasoning;
            if (toolCalls is not null)
                message["tool_calls"] = toolCalls.DeepClone();
            choices.Add(new JsonObject { ["index"] = i, ["message"] = message, ["finish_reason"] = finishReason });
        }
        var usage = Usage(call.PromptWords, ChatCall.Words(content) * count);
        if (reasoning is not null)
            usage["completion_tokens_details"]!["reasoning_tokens"] = ChatCall.Words(reasoning);
        return new JsonObject
        {
            ["id"] = "chatcmpl-fake-" + StableHash(call.Model + call.Body["messages"]!.ToJsonString()),
            ["model"] = ResolvedModel(call.Model),
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = choices,
            ["usage"] = usage,
        };
    }

    /// <summary>A reply that asks for two tool calls at once and says nothing.</summary>
    public static JsonObject ToolCalls(ChatCall call) => Completion(call, null, finishReason: "tool_calls", toolCalls: new JsonArray(
        new JsonObject
        {
            ["id"] = "call_weather_1",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "Get-Weather", ["arguments"] = """{"City":"Paris","Unit":"celsius"}""" },
        },
        new JsonObject
        {
            ["id"] = "call_time_2",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "Get-Date", ["arguments"] = """{"Format":"yyyy-MM-dd"}""" },
        }));

    private static string StableHash(string text) =>
        System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    /// <summary>evolink/auto lets the gateway pick; the reply names the model used.</summary>
    public static string ResolvedModel(string requested) => requested == "evolink/auto" ? "gemini-2.5-flash" : requested;
}
