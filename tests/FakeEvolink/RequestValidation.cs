using System.Linq;
using System.Text.Json.Nodes;

namespace FakeEvolink;

/// <summary>The gateway's 400 checks: what is missing or out of the documented range.</summary>
public static class RequestValidation
{
    private static readonly string[] Roles = { "system", "user", "assistant", "tool" };

    private static readonly (string Field, double Min, double Max)[] Ranges =
    {
        ("temperature", 0, 2), ("top_p", 0, 1), ("top_k", 1, int.MaxValue),
        ("max_tokens", 1, int.MaxValue), ("max_completion_tokens", 1, 65536),
        ("frequency_penalty", -2, 2), ("presence_penalty", -2, 2),
        ("n", 1, 128), ("top_logprobs", 0, 20),
    };

    /// <summary>Null when the body is acceptable, else (param, message).</summary>
    public static (string Param, string Message)? Check(JsonObject body)
    {
        if (body["model"] is not JsonValue model || model.GetValueKind() != System.Text.Json.JsonValueKind.String
            || string.IsNullOrWhiteSpace(model.GetValue<string>()))
            return ("model", "model is required");
        if (body["messages"] is not JsonArray messages || messages.Count == 0)
            return ("messages", "messages must be a non-empty array");
        foreach (var message in messages)
        {
            var role = (string?)message?["role"];
            if (role is null || !Roles.Contains(role))
                return ("messages", $"invalid role '{role}'");
        }
        foreach (var (field, min, max) in Ranges)
        {
            if (body[field] is not JsonValue value)
                continue;
            if (!value.TryGetValue<double>(out var number) || number < min || number > max)
                return (field, $"{field} must be between {min} and {max}");
        }
        return null;
    }
}
