using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Microsoft.AspNetCore.Http;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.ToolCalling;

namespace Evolink.Core.Tests;

/// <summary>
/// Text is shortened for display (an error body's snippet, a tool's output for the
/// model) only after the key is masked: a key that straddles the cut, at any offset,
/// leaves no piece of itself behind.
/// </summary>
public sealed class MaskBeforeCutTests
{
    private const string Key = "sk-STRADDLE-7d2a6f8e30b9c1e4";

    /// <summary>Every piece of the key a cut could leave: its prefixes of four characters and more.</summary>
    private static void AssertNoPieceOfTheKey(string text, string where)
    {
        for (var length = 4; length <= Key.Length; length++)
            Assert.False(text.Contains(Key[..length], StringComparison.Ordinal), $"{where}: '{Key[..length]}' is shown in: {text}");
    }

    [Fact]
    public async Task A_key_straddling_the_cut_of_an_error_body_s_snippet_leaves_nothing_at_any_offset()
    {
        await using var gateway = await FakeGateway.StartAsync(apiKey: Key);
        // The snippet keeps 200 characters: the key starts at every place from wholly after the cut to wholly before it.
        for (var start = 200 - Key.Length; start <= 200; start++)
        {
            var body = new string('x', start) + Key + " and more of the page";
            gateway.Scenarios.Add("straddle", call => Plain(call.Http, 502, body));
            var client = Client(gateway);

            var error = await Assert.ThrowsAnyAsync<EvolinkException>(() => client.CompleteAsync(Requests.Prompt("straddle", "x")));

            AssertNoPieceOfTheKey(error.Message, $"key at {start}");
        }
    }

    [Fact]
    public async Task A_key_straddling_the_cut_of_a_tool_s_output_leaves_nothing_at_any_offset()
    {
        await using var gateway = await FakeGateway.StartAsync(apiKey: Key);
        var sent = new List<string>();
        gateway.Scenarios.AddReply("calls-a-tool", call =>
        {
            var messages = call.Body["messages"]!.AsArray();
            if ((string?)messages[^1]!["role"] == "tool")
            {
                sent.Add((string)messages[^1]!["content"]!);
                return GatewayReplies.Completion(call, "done");
            }
            return GatewayReplies.Completion(call, null, finishReason: "tool_calls", toolCalls: new JsonArray(new JsonObject
            {
                ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "Print-Environment", ["arguments"] = "{}" },
            }));
        });
        const int limit = 100;
        for (var start = limit - Key.Length; start <= limit; start++)
        {
            var output = new string('e', start) + Key + " more output";
            var loop = new ToolLoop(Client(gateway), new Runner(output), new ToolLoopOptions { MaximumResultCharacters = limit });
            var request = Requests.Prompt("calls-a-tool", "show me");
            request.Tools = new List<ToolDefinition> { new() { Function = new FunctionDefinition { Name = "Print-Environment" } } };

            await loop.RunAsync(request, stream: false, onChunk: null, CancellationToken.None);

            AssertNoPieceOfTheKey(sent[^1], $"key at {start}");
        }
    }

    [Theory]
    [InlineData(new[] { "Connection refused", "Check the network." }, "Connection refused. Check the network.")]
    [InlineData(new[] { "'x' is invalid. BytePositionInLine: 1.", "Save one with Export-EvolinkConversation." }, "'x' is invalid. BytePositionInLine: 1. Save one with Export-EvolinkConversation.")]
    [InlineData(new[] { "<html>maintenance</html>", "A proxy may be in the way" }, "<html>maintenance</html>. A proxy may be in the way.")]
    [InlineData(new[] { "He said \"stop.\"", "", "Then?" }, "He said \"stop.\" Then?")]
    [InlineData(new[] { "  trailing space  ", "next" }, "trailing space. next.")]
    public void Messages_made_of_pieces_never_run_sentences_together_nor_double_a_full_stop(string[] pieces, string expected)
    {
        Assert.Equal(expected, Sentences.Join(pieces));
    }

    private static EvolinkClient Client(FakeGateway gateway) => new(new EvolinkClientOptions(EvolinkApiKey.FromText(Key))
    {
        BaseUri = gateway.BaseUri,
        Retry = new RetryPolicy { MaximumRetryCount = 0 },
    });

    private static async Task Plain(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html";
        await http.Response.WriteAsync(body);
    }

    private sealed class Runner : IToolRunner
    {
        private readonly string _output;

        public Runner(string output) => _output = output;

        public bool CanRun(string toolName) => true;

        public Task<string> RunAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken) => Task.FromResult(_output);
    }
}
