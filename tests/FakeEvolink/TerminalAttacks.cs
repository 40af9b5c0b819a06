using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FakeEvolink;

/// <summary>
/// A model, or a prompt injected into what it read, that tries to drive the
/// user's terminal: every sequence a terminal acts on, in every place a reply
/// has text. Models "hostile-terminal-…".
/// </summary>
public static class TerminalAttacks
{
    /// <summary>
    /// Erase the screen and home the cursor; set the clipboard (OSC 52); a link whose text hides its
    /// target (OSC 8); the window title (OSC 0 and 2); DCS, APC and PM strings; a bell; a C1 CSI that
    /// recolours; bidirectional overrides and isolates; a bare carriage return and a backspace that
    /// draw over what came before. It starts and ends with plain words a screen must still show.
    /// </summary>
    public const string Sequences =
        "BEFORE " +
        "\u001b[2J\u001b[H" +
        "\u001b]52;c;cGF3bmVk\u0007" +
        "\u001b]8;;https://evil.example/\u001b\\innocent link\u001b]8;;\u001b\\" +
        "\u001b]0;pwned title\u0007\u001b]2;pwned again\u001b\\" +
        "\u001bP+q544e\u001b\\\u001b_apc\u001b\\\u001b^pm\u001b\\" +
        "\u0007\u009b31mred\u009b0m " +
        "\u202Edesrever\u202C \u2066isolated\u2069 " +
        "\rOVERWRITE\bX AFTER";

    public static void AddTo(Scenarios scenarios)
    {
        scenarios.AddReply("hostile-terminal-text", call => GatewayReplies.Completion(call, Sequences));
        scenarios.AddReply("hostile-terminal-reasoning", call => GatewayReplies.Completion(call, "plain answer", reasoning: Sequences));
        // Calls the first tool offered with arguments full of sequences; after the tool's answer, replies plainly.
        scenarios.AddReply("hostile-terminal-tool", call =>
        {
            var messages = call.Body["messages"]!.AsArray();
            if ((string?)messages[^1]!["role"] == "tool")
                return GatewayReplies.Completion(call, "tool done");
            var name = (string?)call.Body["tools"]?[0]?["function"]?["name"] ?? "none";
            return GatewayReplies.Completion(call, null, finishReason: "tool_calls", toolCalls: new JsonArray(new JsonObject
            {
                ["id"] = "call_1", ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = new JsonObject { ["title"] = Sequences }.ToJsonString() },
            }));
        });
        scenarios.AddReply("hostile-terminal-tool-name", call => GatewayReplies.Completion(call, null, finishReason: "tool_calls", toolCalls: new JsonArray(new JsonObject
        {
            ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "Get\u001b[2J\u202EItem", ["arguments"] = "{}" },
        })));
        scenarios.Add("hostile-terminal-error", call => GatewayReplies.ErrorAsync(call.Http, 500, "upstream_error", Sequences, "upstream_error"));
        scenarios.Add("hostile-terminal-stream-error", call => FakeStream.WriteEventsAsync(call.Http,
            "data: " + new JsonObject { ["error"] = new JsonObject { ["code"] = "upstream_error", ["message"] = Sequences } }.ToJsonString() + "\n\n"));
    }

    /// <summary>A model id that tries the same, for model lists.</summary>
    public const string ModelId = "gpt-\u001b]0;pwned\u0007\u001b[2J\u202Eevil";
}
