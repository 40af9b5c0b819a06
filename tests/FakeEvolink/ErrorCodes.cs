using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FakeEvolink;

/// <summary>Where a documented error code is sent.</summary>
public enum CodeIn
{
    Reply,
    Stream,
    StreamAtOnce,
}

/// <summary>
/// The gateway's documented error codes as it sends them (shared/evolink-api.md, Errors):
/// each with its status and the extra fields it adds, as an error reply or inside a stream.
/// </summary>
public static class ErrorCodes
{
    public static (int Status, string Type, string Message, JsonObject? Extra) Of(string code) => code switch
    {
        "invalid_api_key" => (401, "authentication_error", "Invalid API key", null),
        "insufficient_quota" => (402, "insufficient_quota", "Insufficient account balance", new JsonObject { ["remaining_credits"] = 0.25 }),
        "key_quota_exhausted" => (402, "insufficient_quota", "This key has used up its quota", new JsonObject { ["limit_scope"] = "key", ["remaining_credits"] = 0 }),
        "key_daily_quota_exhausted" => (402, "insufficient_quota", "This key has used up its quota for today", new JsonObject { ["limit_scope"] = "daily" }),
        "key_model_not_allowed" => (403, "permission_error", "This key may not use this model", new JsonObject { ["allowed_models"] = new JsonArray("gpt-5.2", "gemini-2.5-flash") }),
        "model_unavailable" => (503, "upstream_error", "The model is not available now", null),
        "no_available_channel" => (503, "upstream_error", "No available channel for this model", null),
        "content_policy_violation" => (400, "invalid_request_error", "The request was refused by the content policy", null),
        "idempotency_conflict" => (409, "invalid_request_error", "The Idempotency-Key was used with another request", null),
        "invalid_task_id" => (400, "invalid_request_error", "Invalid task id", null),
        _ => (400, "invalid_request_error", "An error this fake makes up: " + code, null),
    };

    public static Task WriteAsync(ChatCall call, string code, CodeIn where)
    {
        var (status, type, message, extra) = Of(code);
        if (where == CodeIn.Reply)
            return GatewayReplies.ErrorAsync(call.Http, status, code, message, type, extra: extra);
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["type"] = type };
        foreach (var (name, value) in extra ?? new JsonObject())
            error[name] = value?.DeepClone();
        var events = new StringBuilder();
        if (where == CodeIn.Stream)
            events.Append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Partial \"}}]}\n\n");
        events.Append("data: ").Append(new JsonObject { ["error"] = error }.ToJsonString()).Append("\n\n");
        return FakeStream.WriteEventsAsync(call.Http, events.ToString());
    }
}
