using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Core.Tests;

[Collection(TimingCollection.Name)]
public sealed class RetryTests
{
    private static ChatRequest Request(string model, string prompt = "hello") =>
        Requests.Prompt(model, prompt);

    private static EvolinkClient Retrying(FakeGateway gateway, Action<EvolinkClientOptions>? configure = null) =>
        Gateway.Client(gateway, o =>
        {
            o.Retry = new RetryPolicy() { MaximumRetryCount = 3, RetryInterval = TimeSpan.FromMilliseconds(10) };
            configure?.Invoke(o);
        });

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(402, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(413, false)]
    [InlineData(415, false)]
    public async Task Only_the_documented_statuses_are_retried_and_with_the_same_idempotency_key(int status, bool retried)
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("flaky", call => call.Attempt == 1
            ? GatewayReplies.ErrorAsync(call.Http, status, "some_code", "failed once")
            : Scenarios.ReplyAsync(call, Scenarios.Echo(call), StreamPlan.Default));
        var client = Retrying(gateway);

        Exception? error = null;
        try
        {
            await client.CompleteAsync(Request("flaky"));
        }
        catch (EvolinkApiException ex)
        {
            error = ex;
        }

        var keys = gateway.ChatRequests.Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal(retried ? 2 : 1, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.Equal(retried, error is null);
    }

    [Fact]
    public async Task Each_logical_request_gets_a_fresh_well_formed_idempotency_key()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);

        await client.CompleteAsync(Request("m"));
        await client.CompleteAsync(Request("m"));

        var keys = gateway.ChatRequests.Select(r => r.Header("Idempotency-Key")!).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, key => Assert.Matches(new Regex("^[A-Za-z0-9._-]{16,96}$"), key));
    }

    [Theory]
    [InlineData("fake-429-seconds", 0.9)]
    [InlineData("fake-429-date", 0.4)]
    [InlineData("fake-429-ms", 0.19)]
    public async Task Retry_after_is_honoured_in_each_form(string model, double atLeastSeconds)
    {
        await using var gateway = await Gateway.StartAsync();
        var clock = Stopwatch.StartNew();

        var reply = await Retrying(gateway).CompleteAsync(Request(model));

        Assert.Equal("hello", reply.Text);
        Assert.InRange(clock.Elapsed.TotalSeconds, atLeastSeconds, 5);
        Assert.Equal(2, gateway.ChatRequests.Length);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_returns_the_error_at_once_instead_of_waiting()
    {
        await using var gateway = await Gateway.StartAsync();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Retrying(gateway).CompleteAsync(Request("fake-429-long")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"waited {clock.Elapsed}");
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal((EvolinkErrorKind.RateLimited, 1), (error.Kind, error.Attempts));
        Assert.Single(gateway.ChatRequests);
    }

    [Fact]
    public async Task A_burst_of_503_is_ridden_out_and_each_retry_is_logged_with_its_reason_and_wait()
    {
        await using var gateway = await Gateway.StartAsync();
        var log = new ConcurrentQueue<string>();

        var reply = await Retrying(gateway, o => o.Log = log.Enqueue).CompleteAsync(Request("fake-503-burst"));

        Assert.Equal("hello", reply.Text);
        Assert.Equal(3, gateway.ChatRequests.Length);
        Assert.Collection(log,
            line => Assert.Matches("^Retry 1 of 3 in [0-9.]+ s after HTTP 503 service_unavailable\\.$", line),
            line => Assert.StartsWith("Retry 2 of 3", line));
        Assert.DoesNotContain(log, line => line.Contains(gateway.ApiKey));
    }

    [Fact]
    public async Task A_reset_before_the_reply_headers_is_retried()
    {
        await using var gateway = await Gateway.StartAsync();

        var reply = await Retrying(gateway).CompleteAsync(Request("fake-reset-before-headers"));

        Assert.Equal("hello", reply.Text);
        Assert.Equal(2, gateway.ChatRequests.Length);
    }

    [Fact]
    public async Task No_headers_within_the_connection_timeout_is_retried_and_then_succeeds()
    {
        await using var gateway = await Gateway.StartAsync();
        var clock = Stopwatch.StartNew();

        var reply = await Retrying(gateway, o => o.ConnectionTimeout = TimeSpan.FromMilliseconds(300)).CompleteAsync(Request("fake-stall-headers"));

        Assert.Equal("hello", reply.Text);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.28, 3);
    }

    [Fact]
    public async Task A_reply_that_breaks_off_mid_body_is_a_network_error_and_is_never_sent_again()
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => Retrying(gateway).CompleteAsync(Request("fake-reset-mid-body")));

        Assert.Equal(EvolinkErrorKind.Network, error.Kind);
        Assert.Single(gateway.ChatRequests);
    }

    [Fact]
    public async Task A_body_that_never_ends_is_cut_by_the_operation_timeout_and_not_retried()
    {
        await using var gateway = await Gateway.StartAsync();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EvolinkException>(() =>
            Retrying(gateway, o => o.OperationTimeout = TimeSpan.FromMilliseconds(300)).CompleteAsync(Request("fake-never-ending-body")));

        Assert.Equal(EvolinkErrorKind.Timeout, error.Kind);
        Assert.Equal(EvolinkRemedy.OperationTimeout, error.Remedy);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.28, 3);
        Assert.Single(gateway.ChatRequests);
    }

    [Theory]
    [InlineData("fake-malformed-json")]
    [InlineData("fake-invalid-utf8")]
    public async Task A_success_status_with_a_broken_body_is_an_invalid_response_not_retried(string model)
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => Retrying(gateway).CompleteAsync(Request(model)));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Single(gateway.ChatRequests);
    }

    [Fact]
    public async Task A_stream_is_retried_before_its_first_byte_but_never_after_it_began()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Retrying(gateway);

        var streamed = await client.StreamAsync(Request("fake-503-burst", "abc")).ToResponseAsync();
        var before = gateway.ChatRequests.Length;
        var error = await Assert.ThrowsAsync<EvolinkException>(() => client.StreamAsync(Request("fake-stream-cut", "abcdefghijkl")).ToResponseAsync());

        Assert.Equal("abc", streamed.Text);
        Assert.Equal(3, before);
        Assert.Equal(EvolinkErrorKind.StreamTruncated, error.Kind);
        Assert.Equal(before + 1, gateway.ChatRequests.Length);
    }

    [Fact]
    public async Task Ctrl_C_during_a_retry_wait_ends_the_call_at_once()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Retrying(gateway, o => o.Retry = new RetryPolicy { MaximumRetryCount = 3, RetryInterval = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CompleteAsync(Request("fake-status-503"), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void The_backoff_doubles_with_jitter_honours_retry_after_and_gives_up_past_the_cap_or_the_count()
    {
        var policy = new RetryPolicy() { MaximumRetryCount = 4, RetryInterval = TimeSpan.FromSeconds(1), MaximumRetryDelay = TimeSpan.FromSeconds(5) };
        var serverError = new EvolinkApiException(503, new GatewayError(), null, "x");
        var badRequest = new EvolinkApiException(400, new GatewayError(), null, "x");

        Assert.InRange(policy.DelayBefore(1, serverError)!.Value.TotalSeconds, 0.5, 1);
        Assert.InRange(policy.DelayBefore(2, serverError)!.Value.TotalSeconds, 1, 2);
        Assert.InRange(policy.DelayBefore(3, serverError)!.Value.TotalSeconds, 2, 4);
        Assert.InRange(policy.DelayBefore(4, serverError)!.Value.TotalSeconds, 2.5, 5);
        Assert.Null(policy.DelayBefore(5, serverError));
        Assert.Null(policy.DelayBefore(1, badRequest));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.DelayBefore(1, new EvolinkApiException(429, new GatewayError(), null, "x") { RetryAfter = TimeSpan.FromSeconds(4) }));
        Assert.Null(policy.DelayBefore(1, new EvolinkApiException(429, new GatewayError(), null, "x") { RetryAfter = TimeSpan.FromSeconds(6) }));
        Assert.NotNull(policy.DelayBefore(1, new EvolinkException(EvolinkErrorKind.Network, "reset")));
        Assert.Null(policy.DelayBefore(1, new EvolinkException(EvolinkErrorKind.StreamTruncated, "cut")));
    }

    [Fact]
    public async Task A_rate_limit_seen_by_one_client_makes_another_client_of_the_same_gateway_wait()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var first = Gateway.Client(gateway, o => o.Retry = new RetryPolicy() { MaximumRetryCount = 1, RetryInterval = TimeSpan.FromMilliseconds(10) });
        var second = Gateway.Client(gateway);
        var rateLimited = first.CompleteAsync(Requests.Prompt("fake-429-seconds", "first"));
        // The first client's 429 asks for a one-second pause; wait until it has been answered.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (gateway.ChatRequests.Length == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(5);
        await Task.Delay(100);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await second.CompleteAsync(Requests.Prompt("m", "second"));
        Assert.True(started.Elapsed > TimeSpan.FromMilliseconds(600), $"the second call went after {started.ElapsedMilliseconds} ms");
        await rateLimited;
    }
}
