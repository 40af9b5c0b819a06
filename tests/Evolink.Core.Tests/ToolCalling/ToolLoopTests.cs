using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Serialization;
using Evolink.ToolCalling;

namespace Evolink.Core.Tests;

public sealed class ToolLoopTests
{
    private sealed class FakeRunner : IToolRunner
    {
        public Dictionary<string, Func<IDictionary<string, object?>, string>> Tools { get; } = new();
        public List<(string Name, string Arguments)> Calls { get; } = new();

        public bool CanRun(string toolName) => Tools.ContainsKey(toolName);

        public Task<string> RunAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            Calls.Add((toolName, PlainData.ToJson(arguments).GetRawText()));
            return Task.FromResult(Tools[toolName](arguments));
        }
    }

    private static JsonObject Call(string id, string name, string arguments) => new()
    {
        ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
    };

    /// <summary>The scripted model: asks for the given calls after a user message, and sums up the tool results after tool messages.</summary>
    private static void Script(FakeGateway gateway, Func<int, JsonArray?> callsForRound)
    {
        gateway.Scenarios.AddReply("tooling", call =>
        {
            var messages = call.Body["messages"]!.AsArray();
            var round = messages.Count(m => (string?)m!["role"] == "assistant");
            var calls = callsForRound(round);
            if (calls is not null)
                return GatewayReplies.Completion(call, null, finishReason: "tool_calls", toolCalls: calls);
            var results = messages.Where(m => (string?)m!["role"] == "tool").Select(m => (string?)m!["content"]);
            return GatewayReplies.Completion(call, "Results: " + string.Join(" | ", results));
        }, new StreamPlan { PieceLength = 5 });
    }

    private static ChatRequest Request(params string[] tools)
    {
        var request = Requests.Prompt("tooling", "What is the weather?");
        request.Tools = tools.Select(t => new ToolDefinition { Function = new FunctionDefinition { Name = t } }).ToList();
        return request;
    }

    private static JsonArray Messages(FakeGateway gateway, int request) => gateway.ChatRequests[request].Json!["messages"]!.AsArray();

    [Fact]
    public async Task One_call_is_run_and_its_result_sent_back_as_a_tool_message_then_the_answer_returned()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("c1", "Get-Weather", """{"City":"Paris"}""")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = args => $"Sunny in {args["City"]}" } };

        var reply = await new ToolLoop(Gateway.Client(gateway), runner).RunAsync(Request("Get-Weather"), false, null, default);

        Assert.Equal("Results: Sunny in Paris", reply.Text);
        Assert.Equal(new[] { ("Get-Weather", """{"City":"Paris"}""") }, runner.Calls);
        var second = Messages(gateway, 1);
        Assert.Equal(3, second.Count);
        Assert.Equal("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"Get-Weather","arguments":"{\u0022City\u0022:\u0022Paris\u0022}"}}]}""", second[1]!.ToJsonString());
        Assert.Equal("""{"role":"tool","content":"Sunny in Paris","tool_call_id":"c1"}""", second[2]!.ToJsonString());
        Assert.Equal(4, reply.Conversation!.Messages.Count);
    }

    [Fact]
    public async Task Parallel_calls_in_one_reply_are_all_answered_in_order()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("a", "Get-Weather", """{"City":"Oslo"}"""), Call("b", "Get-Date", "{}")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = _ => "cold", ["Get-Date"] = _ => "2026-11-21" } };

        var reply = await new ToolLoop(Gateway.Client(gateway), runner).RunAsync(Request("Get-Weather", "Get-Date"), false, null, default);

        Assert.Equal("Results: cold | 2026-11-21", reply.Text);
        Assert.Equal(new[] { "a", "b" }, Messages(gateway, 1).Skip(2).Select(m => (string?)m!["tool_call_id"]));
    }

    [Fact]
    public async Task A_call_to_a_tool_that_was_not_supplied_is_refused_back_to_the_model_and_nothing_runs()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("x", "Remove-Item", """{"Path":"C:\\"}""")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = _ => "sunny" } };

        var reply = await new ToolLoop(Gateway.Client(gateway), runner).RunAsync(Request("Get-Weather"), false, null, default);

        Assert.Empty(runner.Calls);
        Assert.Equal("Error: there is no tool named 'Remove-Item'. The tools you may call are: Get-Weather.", (string?)Messages(gateway, 1)[2]!["content"]);
        Assert.StartsWith("Results: Error: there is no tool", reply.Text);
    }

    [Fact]
    public async Task Arguments_that_are_not_json_are_reported_back_without_running_the_tool()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("c", "Get-Weather", "{City: Paris")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = _ => "sunny" } };

        await new ToolLoop(Gateway.Client(gateway), runner).RunAsync(Request("Get-Weather"), false, null, default);

        Assert.Empty(runner.Calls);
        Assert.StartsWith("Error: the arguments for 'Get-Weather' are not valid JSON", (string?)Messages(gateway, 1)[2]!["content"]);
    }

    [Fact]
    public async Task A_tool_that_throws_sends_its_error_to_the_model_and_the_chat_goes_on()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("c", "Get-Weather", "{}")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = _ => throw new InvalidOperationException("the weather service is down") } };

        var reply = await new ToolLoop(Gateway.Client(gateway), runner).RunAsync(Request("Get-Weather"), false, null, default);

        Assert.Equal("Results: Error: 'Get-Weather' failed: the weather service is down", reply.Text);
    }

    [Fact]
    public async Task A_huge_tool_output_is_cut_to_the_limit_with_a_note()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("c", "Get-Log", "{}")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Log"] = _ => new string('x', 50_000) } };

        await new ToolLoop(Gateway.Client(gateway), runner, new ToolLoopOptions { MaximumResultCharacters = 1000 }).RunAsync(Request("Get-Log"), false, null, default);

        var sent = (string)Messages(gateway, 1)[2]!["content"]!;
        Assert.Equal(new string('x', 1000) + "\n[Output cut: the first 1000 of 50000 characters are shown.]", sent);
    }

    [Fact]
    public async Task The_round_limit_stops_a_model_that_keeps_calling_tools_with_a_clear_error()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => new JsonArray(Call($"c{round}", "Get-Weather", "{}")));
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = _ => "again" } };

        var error = await Assert.ThrowsAsync<EvolinkException>(() =>
            new ToolLoop(Gateway.Client(gateway), runner, new ToolLoopOptions { MaximumToolRounds = 2 }).RunAsync(Request("Get-Weather"), false, null, default));

        Assert.Equal(EvolinkErrorKind.ToolRoundLimit, error.Kind);
        Assert.Equal(EvolinkRemedy.ToolRoundLimit, error.Remedy);
        Assert.Equal(2, runner.Calls.Count);
        Assert.Equal(3, gateway.ChatRequests.Length);
        Assert.Equal("tool_calls", error.PartialResponse!.FinishReason);
    }

    [Fact]
    public async Task A_supplied_tool_the_runner_cannot_run_ends_the_loop_and_the_calls_are_left_to_the_caller()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => new JsonArray(Call("c", "Send-Mail", "{}")));

        var reply = await new ToolLoop(Gateway.Client(gateway), new FakeRunner()).RunAsync(Request("Send-Mail"), false, null, default);

        Assert.Equal("Send-Mail", reply.Choices[0].Message!.ToolCalls!.Single().Function!.Name);
        Assert.Single(gateway.ChatRequests);
    }

    [Fact]
    public async Task Streaming_with_tools_streams_every_rounds_text_and_assembles_the_call_fragments()
    {
        await using var gateway = await Gateway.StartAsync();
        Script(gateway, round => round == 0 ? new JsonArray(Call("c1", "Get-Weather", """{"City":"Lisbon","Unit":"celsius"}""")) : null);
        var runner = new FakeRunner { Tools = { ["Get-Weather"] = args => $"Warm in {args["City"]}" } };
        var chunks = new List<ChatChunk>();

        var reply = await new ToolLoop(Gateway.Client(gateway), runner).RunAsync(Request("Get-Weather"), true, chunks.Add, default);

        Assert.Equal(("Get-Weather", """{"City":"Lisbon","Unit":"celsius"}"""), runner.Calls.Single());
        Assert.Equal("Results: Warm in Lisbon", string.Concat(chunks.Select(c => c.Text)));
        Assert.Equal("Results: Warm in Lisbon", reply.Text);
        Assert.True((bool)gateway.ChatRequests[1].Json!["stream"]!);
    }
}
