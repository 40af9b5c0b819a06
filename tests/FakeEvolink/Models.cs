using System.Text.Json.Nodes;

namespace FakeEvolink;

/// <summary>The fake's model list and balance.</summary>
public static class Models
{
    public static readonly string[] Ids =
    {
        "gemini-2.5-flash", "gemini-2.5-pro", "gemini-3.1-pro-preview-customtools",
        "gpt-5.2", "claude-sonnet-4-5", "deepseek-chat", "deepseek-reasoner", "kimi-k2",
    };

    public static JsonObject List(System.Collections.Generic.IEnumerable<string> ids)
    {
        var data = new JsonArray();
        foreach (var id in ids)
            data.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 1760000000, ["owned_by"] = "evolink" });
        return new JsonObject { ["object"] = "list", ["data"] = data };
    }

    public static JsonObject Credits() => new()
    {
        ["success"] = true,
        ["data"] = new JsonObject
        {
            ["user"] = new JsonObject { ["remaining_credits"] = 123.45, ["used_credits"] = 6.5 },
            ["token"] = new JsonObject { ["remaining_credits"] = 50.0, ["used_credits"] = 1.25, ["unlimited_credits"] = false },
        },
    };
}
