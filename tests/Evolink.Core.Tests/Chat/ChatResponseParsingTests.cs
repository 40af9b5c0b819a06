using System;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Core.Tests;

public sealed class ChatResponseParsingTests
{
    private const string FullReply = """
    {"id":"chatcmpl-123","object":"chat.completion","created":1760032810,"model":"gpt-5.2",
     "system_fingerprint":"fp_1","service_tier":"default",
     "choices":[{"index":0,
        "message":{"role":"assistant","content":"Hello","reasoning_content":"thought",
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"Get-Date","arguments":"{\"Format\":\"o\"}"}}]},
        "logprobs":{"content":[{"token":"Hello","logprob":-0.25,"bytes":[72,101],"top_logprobs":[{"token":"Hi","logprob":-1.5,"bytes":[72,105]}]}]},
        "finish_reason":"tool_calls"},
       {"index":1,"message":{"role":"assistant","content":null},"finish_reason":"length"}],
     "usage":{"prompt_tokens":13,"completion_tokens":1891,"total_tokens":1904,
        "prompt_tokens_details":{"cached_tokens":1,"text_tokens":13,"audio_tokens":2,"image_tokens":3},
        "completion_tokens_details":{"text_tokens":4,"audio_tokens":5,"reasoning_tokens":1480},
        "input_tokens":6,"output_tokens":7,"input_tokens_details":{"cached_tokens":8},
        "prompt_cache_hit_tokens":9,"prompt_cache_miss_tokens":10}}
    """;

    [Fact]
    public async Task Every_documented_response_field_is_parsed()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("full", call => GatewayReplies.JsonAsync(call.Http, System.Text.Json.Nodes.JsonNode.Parse(FullReply)!));

        var reply = await Gateway.Client(gateway).CompleteAsync(Requests.Prompt("full", "x"));

        Assert.Equal(("chatcmpl-123", "chat.completion", DateTimeOffset.FromUnixTimeSeconds(1760032810), "gpt-5.2", "fp_1", "default"),
            (reply.Id, reply.Object, reply.Created!.Value, reply.Model, reply.SystemFingerprint, reply.ServiceTier));
        Assert.Equal("req-fake-000001", reply.RequestId);
        Assert.Equal(2, reply.Choices.Count);
        var first = reply.Choices[0];
        Assert.Equal(("assistant", "Hello", "thought", "tool_calls"),
            (first.Message!.Role, first.Message.Content!.Text, first.Message.ReasoningContent, first.FinishReason));
        var call = Assert.Single(first.Message.ToolCalls!);
        Assert.Equal(("call_1", "function", "Get-Date", "{\"Format\":\"o\"}"), (call.Id, call.Type, call.Function!.Name, call.Function.Arguments));
        var token = Assert.Single(first.Logprobs!.Content!);
        Assert.Equal(("Hello", -0.25), (token.Token, token.Logprob!.Value));
        Assert.Equal(new[] { 72, 101 }, token.Bytes);
        Assert.Equal(("Hi", -1.5), (token.TopLogprobs![0].Token, token.TopLogprobs[0].Logprob!.Value));
        Assert.Null(reply.Choices[1].Message!.Content);
        Assert.Equal((1, "length"), (reply.Choices[1].Index, reply.Choices[1].FinishReason));

        var usage = reply.Usage!;
        Assert.Equal((13, 1891, 1904, 6, 7, 9, 10),
            (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens, usage.InputTokens, usage.OutputTokens, usage.PromptCacheHitTokens, usage.PromptCacheMissTokens));
        Assert.Equal((1, 13, 2, 3), (usage.PromptTokensDetails!.CachedTokens, usage.PromptTokensDetails.TextTokens, usage.PromptTokensDetails.AudioTokens, usage.PromptTokensDetails.ImageTokens));
        Assert.Equal((4, 5, 1480), (usage.CompletionTokensDetails!.TextTokens, usage.CompletionTokensDetails.AudioTokens, usage.CompletionTokensDetails.ReasoningTokens));
        Assert.Equal(8, usage.InputTokensDetails!.CachedTokens);
        Assert.Equal("Hello", reply.ToString());
        Assert.Equal("tool_calls", reply.FinishReason);
    }

    [Fact]
    public async Task Missing_and_null_usage_fields_come_back_as_null()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("sparse", call => GatewayReplies.JsonAsync(call.Http, System.Text.Json.Nodes.JsonNode.Parse(
            """{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":null,"total_tokens":3,"input_tokens_details":null}}""")!));

        var reply = await Gateway.Client(gateway).CompleteAsync(Requests.Prompt("sparse", "x"));

        Assert.Equal(3, reply.Usage!.TotalTokens);
        Assert.Null(reply.Usage.PromptTokens);
        Assert.Null(reply.Usage.CompletionTokensDetails);
        Assert.Null(reply.Usage.InputTokensDetails);
        Assert.Null(reply.Created);
    }

    [Fact]
    public async Task Unknown_fields_anywhere_in_the_reply_are_ignored()
    {
        await using var gateway = await Gateway.StartAsync();

        var reply = await Gateway.Client(gateway).CompleteAsync(Requests.Prompt("fake-extra-fields", "still fine"));

        Assert.Equal("still fine", reply.Text);
        Assert.Equal("default", reply.ServiceTier);
        Assert.Equal(3, reply.Usage!.PromptCacheHitTokens);
    }

    [Fact]
    public async Task Reasoning_content_is_kept_beside_the_answer()
    {
        await using var gateway = await Gateway.StartAsync();

        var reply = await Gateway.Client(gateway).CompleteAsync(Requests.Prompt("fake-reasoning", "why"));

        Assert.Equal("why", reply.Text);
        Assert.Equal("Thinking about: why", reply.Choices[0].Message!.ReasoningContent);
    }

    [Fact]
    public async Task The_model_list_is_read_from_the_gateway()
    {
        await using var gateway = await Gateway.StartAsync();

        var models = await Gateway.Client(gateway).ListModelsAsync();

        Assert.Equal(Models.Ids, models.Data.Select(m => m.Id));
        Assert.Equal("evolink", models.Data[0].OwnedBy);
    }

    [Theory]
    [InlineData("1760032810", "2025-10-09T18:00:10.0000000+00:00")]
    [InlineData("99999999999999999", null)]
    [InlineData("-99999999999999999", null)]
    [InlineData("1e300", null)]
    [InlineData("null", null)]
    [InlineData("1.5", null)]
    [InlineData("\"yesterday\"", null)]
    [InlineData("{\"at\":1}", null)]
    public async Task Created_is_a_point_in_time_and_a_value_no_calendar_holds_reads_as_unknown_not_as_a_failure(string created, string? expected)
    {
        await using var gateway = await Gateway.StartAsync();
        var body = $$"""{"id":"c","object":"chat.completion","created":{{created}},"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""";
        gateway.Scenarios.Add("created", call => GatewayReplies.JsonAsync(call.Http, System.Text.Json.Nodes.JsonNode.Parse(body)!));
        gateway.Scenarios.Add("created-stream", call => FakeStream.WriteEventsAsync(call.Http,
            $$"""data: {"id":"c","object":"chat.completion.chunk","created":{{created}},"model":"m","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}""" + "\n\ndata: [DONE]\n\n"));
        var client = Gateway.Client(gateway);

        var whole = await client.CompleteAsync(Requests.Prompt("created", "x"));
        var streamed = await client.StreamAsync(Requests.Prompt("created-stream", "x")).ToResponseAsync();

        Assert.Equal(expected, whole.Created?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, streamed.Created?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ok", streamed.Text);
    }
}
