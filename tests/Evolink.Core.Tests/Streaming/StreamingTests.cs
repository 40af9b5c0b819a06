using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Streaming;

namespace Evolink.Core.Tests;

[Collection(TimingCollection.Name)]
public sealed class StreamingTests
{
    private static ChatRequest Request(string model, string prompt = "Stream me a short answer, please.") =>
        Requests.Prompt(model, prompt);

    private static async Task<(List<ChatChunk> Chunks, ChatResponse Response)> StreamAll(EvolinkClient client, ChatRequest request)
    {
        var stream = client.StreamAsync(request);
        var chunks = new List<ChatChunk>();
        await foreach (var chunk in stream)
            chunks.Add(chunk);
        return (chunks, stream.Response!);
    }

    private static string Json(ChatResponse response) => JsonSerializer.Serialize(response, ChatJsonContext.Default.ChatResponse);

    public static TheoryData<string, int?> NormalScenarios => new()
    {
        { "echo-model", null },
        { "echo-model", 2 },
        { "fake-reasoning", null },
        { "fake-tools", null },
        { "fake-stream-crlf", null },
        { "fake-stream-cr", null },
        { "fake-stream-bytewise", null },
        { "fake-stream-keepalive", null },
        { "plan-no-space", null },
        { "plan-split-data-lines", null },
        { "plan-bom", null },
        { "plan-tools-without-index", null },
        { "plan-no-done", null },
    };

    private static void AddPlans(FakeGateway gateway)
    {
        gateway.Scenarios.AddReply("plan-no-space", Scenarios.Echo, new StreamPlan { NoSpaceAfterColon = true });
        gateway.Scenarios.AddReply("plan-split-data-lines", Scenarios.Echo, new StreamPlan { SplitDataLines = true, LineEnding = "\r\n" });
        gateway.Scenarios.AddReply("plan-bom", Scenarios.Echo, new StreamPlan { ByteOrderMark = true });
        gateway.Scenarios.AddReply("plan-tools-without-index", GatewayReplies.ToolCalls, new StreamPlan { OmitToolIndex = true, PieceLength = 3 });
        gateway.Scenarios.AddReply("plan-no-done", Scenarios.Echo, new StreamPlan { OmitDone = true });
    }

    [Theory]
    [MemberData(nameof(NormalScenarios))]
    public async Task A_streamed_and_assembled_reply_equals_the_whole_reply_field_by_field(string model, int? n)
    {
        await using var gateway = await Gateway.StartAsync();
        AddPlans(gateway);
        var client = Gateway.Client(gateway);
        var request = Request(model, "Stream me ünïcödé 🌍 text, piece by piece.");
        request.N = n;

        var whole = await client.CompleteAsync(request);
        var (chunks, streamed) = await StreamAll(client, request);

        Assert.True(chunks.Count > 3, $"only {chunks.Count} chunks");
        Assert.Equal(Json(whole), Json(streamed));
        Assert.Equal("req-fake-000002", streamed.RequestId);
    }

    [Fact]
    public async Task A_streaming_request_asks_for_events_and_a_usage_chunk_without_changing_the_callers_request()
    {
        await using var gateway = await Gateway.StartAsync();
        var request = Request("m", "hi");

        var (chunks, response) = await StreamAll(Gateway.Client(gateway), request);

        var sent = gateway.ChatRequests.Single();
        Assert.Equal("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""", sent.Body);
        Assert.Equal("text/event-stream", sent.Header("Accept"));
        Assert.Null(request.Stream);
        var usageChunk = chunks.Last();
        Assert.Empty(usageChunk.Choices);
        Assert.Equal(usageChunk.Usage!.TotalTokens, response.Usage!.TotalTokens);
    }

    [Fact]
    public async Task Tool_call_fragments_are_joined_per_call_with_id_type_and_name_taken_once()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.AddReply("tools", GatewayReplies.ToolCalls, new StreamPlan { PieceLength = 2 });

        var (chunks, response) = await StreamAll(Gateway.Client(gateway), Request("tools"));

        var calls = response.Choices.Single().Message!.ToolCalls!;
        Assert.Equal(new[] { "call_weather_1", "call_time_2" }, calls.Select(c => c.Id));
        Assert.Equal(new[] { "Get-Weather", "Get-Date" }, calls.Select(c => c.Function!.Name));
        Assert.Equal("""{"City":"Paris","Unit":"celsius"}""", calls[0].Function!.Arguments);
        Assert.Equal("tool_calls", response.FinishReason);
        Assert.Null(response.Choices[0].Message!.Content);
        Assert.True(chunks.Count(c => c.Choices.Any(ch => ch.Delta?.ToolCalls is not null)) > 10);
    }

    [Fact]
    public async Task Two_interleaved_choices_are_kept_apart_each_with_its_finish_reason()
    {
        await using var gateway = await Gateway.StartAsync();
        var request = Request("m", "twice over");
        request.N = 2;

        var (chunks, response) = await StreamAll(Gateway.Client(gateway), request);

        Assert.Contains(chunks, c => c.Choices.Any(ch => ch.Index == 1));
        Assert.Equal(new[] { "twice over", "twice over" }, response.Choices.Select(c => c.Message!.Content!.Text));
        Assert.Equal(new[] { "stop", "stop" }, response.Choices.Select(c => c.FinishReason));
    }

    [Fact]
    public async Task Each_chunk_reads_as_the_text_it_adds()
    {
        await using var gateway = await Gateway.StartAsync();

        var (chunks, response) = await StreamAll(Gateway.Client(gateway), Request("m", "abcdefghij"));

        Assert.Equal("abcdefghij", string.Concat(chunks.Select(c => c.ToString())));
        Assert.Equal("abcdefghij", response.Text);
    }

    [Theory]
    [InlineData("fake-stream-error")]
    [InlineData("fake-stream-error-event")]
    public async Task An_error_inside_the_stream_ends_it_as_a_typed_error_keeping_the_partial_reply(string model)
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => StreamAll(Gateway.Client(gateway), Request(model, "abcdefghijkl")));

        Assert.Equal(("upstream_error", "The model stopped answering"), (error.ErrorCode, error.GatewayMessage));
        Assert.Equal(EvolinkErrorKind.ServerError, error.Kind);
        Assert.Equal("abcdefgh", error.PartialResponse!.Text);
        Assert.Equal("req-fake-000001", error.RequestId);
        Assert.Contains("middle of the stream", error.Message);
    }

    [Theory]
    [InlineData("fake-stream-cut")]
    [InlineData("fake-stream-reset")]
    public async Task A_connection_that_ends_before_DONE_and_before_a_finish_reason_is_a_truncation_not_a_success(string model)
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => StreamAll(Gateway.Client(gateway), Request(model, "abcdefghijkl")));

        Assert.Equal(EvolinkErrorKind.StreamTruncated, error.Kind);
        Assert.Equal("abcdefgh", error.PartialResponse!.Text);
        Assert.Null(error.PartialResponse.FinishReason);
        Assert.Contains("8 characters", error.Message);
    }

    [Fact]
    public async Task Malformed_json_in_a_chunk_is_an_error_naming_the_event_and_keeping_the_partial_reply()
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => StreamAll(Gateway.Client(gateway), Request("fake-stream-malformed", "abcdefghijkl")));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("event #3", error.Message);
        Assert.Contains("{\"id\":\"broken\"", error.Message);
        Assert.Equal("abcd", error.PartialResponse!.Text);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_chunk_is_reported_as_an_invalid_response()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("bad-utf8", async call =>
        {
            call.Http.Response.ContentType = "text/event-stream";
            var bytes = System.Text.Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"X\"}}]}\n\n").ToList();
            bytes.InsertRange(bytes.IndexOf((byte)'X'), new byte[] { 0xC3, 0x28 });
            await call.Http.Response.Body.WriteAsync(bytes.ToArray());
        });

        var error = await Assert.ThrowsAsync<EvolinkException>(() => StreamAll(Gateway.Client(gateway), Request("bad-utf8")));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task A_silence_longer_than_the_operation_timeout_ends_the_call_with_a_timeout_error()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway, o => o.OperationTimeout = TimeSpan.FromMilliseconds(400));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => StreamAll(client, Request("fake-stream-stall", "abcdefghijkl")));

        Assert.Equal(EvolinkErrorKind.Timeout, error.Kind);
        Assert.Equal("abcd", error.PartialResponse!.Text);
        Assert.Equal(EvolinkRemedy.OperationTimeout, error.Remedy);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.35, 5);
    }

    [Fact]
    public async Task A_slow_stream_that_keeps_sending_is_never_cut_by_the_idle_timeout()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway, o => o.OperationTimeout = TimeSpan.FromMilliseconds(400));

        var (_, response) = await StreamAll(client, Request("fake-stream-slow", "abcdefghijklmnop"));

        Assert.Equal("abcdefghijklmnop", response.Text);
    }

    [Fact]
    public async Task A_line_longer_than_the_cap_is_refused_with_a_clear_error()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.AddReply("long", Scenarios.Echo, new StreamPlan { PieceLength = int.MaxValue });
        var client = Gateway.Client(gateway, o => o.MaxEventBytes = 64 * 1024);

        var big = await StreamAll(Gateway.Client(gateway), Request("long", new string('z', 3_000_000)));
        var error = await Assert.ThrowsAsync<EvolinkException>(() => StreamAll(client, Request("long", new string('z', 100_000))));

        Assert.Equal(3_000_000, big.Response.Text.Length);
        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("65536 bytes", error.Message);
    }

    [Fact]
    public async Task The_first_chunk_reaches_the_consumer_while_the_server_still_holds_back_the_rest()
    {
        await using var gateway = await Gateway.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Scenarios.AddReply("held", Scenarios.Echo, new StreamPlan { BeforeChunk = i => i == 2 ? release.Task : Task.CompletedTask });

        var received = new List<string>();
        await using var chunks = Gateway.Client(gateway).StreamAsync(Request("held", "abcdefgh")).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());
        Assert.True(await chunks.MoveNextAsync());
        received.Add(chunks.Current.ToString());

        Assert.Equal("abcd", chunks.Current.Text);
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
        while (await chunks.MoveNextAsync())
            received.Add(chunks.Current.ToString());
        Assert.Equal("abcdefgh", string.Concat(received));
    }

    [Fact]
    public async Task Cancelling_mid_stream_ends_the_call_within_100_ms_and_closes_the_connection()
    {
        await using var gateway = await Gateway.StartAsync();
        var serverSawClose = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Scenarios.Add("endless", async call =>
        {
            call.Http.RequestAborted.Register(() => serverSawClose.TrySetResult());
            await FakeStream.WriteAsync(call, Scenarios.Echo(call), new StreamPlan { BeforeChunk = i => i == 2 ? Task.Delay(Timeout.Infinite, call.Http.RequestAborted) : Task.CompletedTask });
        });
        using var cancel = new CancellationTokenSource();
        var stream = Gateway.Client(gateway).StreamAsync(Request("endless", "abcdefgh"), cancel.Token);
        await using var chunks = stream.GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());
        Assert.True(await chunks.MoveNextAsync());

        var pending = chunks.MoveNextAsync().AsTask();
        await Task.Delay(100);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        var elapsed = clock.Elapsed;

        Assert.True(elapsed < TimeSpan.FromMilliseconds(100), $"took {elapsed.TotalMilliseconds} ms");
        await serverSawClose.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Blocking_enumeration_on_the_callers_thread_still_delivers_each_chunk_as_it_arrives()
    {
        await using var gateway = await Gateway.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Scenarios.AddReply("held", Scenarios.Echo, new StreamPlan { BeforeChunk = i => i == 2 ? release.Task : Task.CompletedTask });
        var stream = Gateway.Client(gateway).StreamAsync(Requests.Prompt("held", "abcdefgh"));
        var seen = new List<string>();
        var firstText = new ManualResetEventSlim();

        var reader = new Thread(() =>
        {
            foreach (var chunk in stream.ToBlockingEnumerable())
            {
                seen.Add(chunk.ToString());
                if (chunk.ToString().Length > 0)
                    firstText.Set();
            }
        });
        reader.Start();

        Assert.True(firstText.Wait(TimeSpan.FromSeconds(5)));
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
        Assert.True(reader.Join(TimeSpan.FromSeconds(5)));
        Assert.Equal("abcdefgh", string.Concat(seen));
        Assert.Equal("abcdefgh", stream.Response!.Text);
    }

    [Fact]
    public void A_repeated_id_read_once_escaped_and_once_plain_is_the_same_text_both_times()
    {
        var reader = new ChunkReader();
        var escaped = reader.Read("{\"id\":\"chat\\u002d1\",\"model\":\"m\",\"choices\":[]}"u8);
        var plain = reader.Read("{\"id\":\"chat-1\",\"model\":\"m\",\"choices\":[]}"u8);
        var other = reader.Read("{\"id\":\"chat-2\",\"model\":\"m\",\"choices\":[]}"u8);
        Assert.Equal(("chat-1", "chat-1", "chat-2"), (escaped.Id, plain.Id, other.Id));
        Assert.Same(plain.Model, other.Model);
    }
}
