using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;
using Evolink.Transport;

namespace Evolink.Core.Tests;

/// <summary>
/// Whatever a server sends, a call ends in bounded memory and time as one
/// EvolinkException: caps on whole, error and streamed bodies (after
/// decompression), a total deadline, bounded indexes, clamped headers, no
/// redirect followed.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class HostileReplyTests
{
    private static EvolinkClient Client(FakeGateway gateway, Action<EvolinkClientOptions>? configure = null) => Gateway.Client(gateway, o =>
    {
        o.MaxReplyBytes = 1024 * 1024;
        o.TotalTimeout = TimeSpan.FromSeconds(20);
        configure?.Invoke(o);
    });

    private static ChatRequest Ask(string model) => Requests.Prompt(model, "hello");

    private static async Task<EvolinkException> Fails(Func<Task> call, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<EvolinkException>(call);
        Assert.True(clock.Elapsed < within, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        return error;
    }

    [Theory]
    [InlineData("hostile-huge-body", false)]
    [InlineData("hostile-gzip-bomb", false)]
    [InlineData("hostile-endless-stream", true)]
    public async Task A_reply_past_the_size_limit_is_an_invalid_response_that_names_the_limit(string model, bool stream)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var client = Client(gateway);
        var error = await Fails(() => stream ? client.StreamAsync(Ask(model)).ToResponseAsync() : client.CompleteAsync(Ask(model)), TimeSpan.FromSeconds(10));
        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("1 MB", error.Message);
        Assert.Equal(EvolinkRemedy.ReplySizeLimit, error.Remedy);
        if (stream)
            Assert.True(error.PartialResponse!.Text.Length > 0);
    }

    [Fact]
    public async Task Only_the_start_of_a_huge_error_body_is_read()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var error = Assert.IsType<EvolinkApiException>(await Fails(() => Client(gateway).CompleteAsync(Ask("hostile-huge-error")), TimeSpan.FromSeconds(5)));
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("start of a huge error", error.Message);
        Assert.True(error.Message.Length < 2000);
    }

    [Theory]
    [InlineData("hostile-drip", false)]
    [InlineData("hostile-keepalives-forever", true)]
    public async Task A_server_that_never_falls_silent_is_ended_by_the_total_time_limit(string model, bool stream)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var client = Client(gateway, o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(1);
            o.OperationTimeout = TimeSpan.FromSeconds(30);
        });
        var error = await Fails(() => stream ? client.StreamAsync(Ask(model)).ToResponseAsync() : client.CompleteAsync(Ask(model)), TimeSpan.FromSeconds(3));
        Assert.Equal(EvolinkErrorKind.Timeout, error.Kind);
        Assert.Contains("total time limit", error.Message);
        Assert.Equal(EvolinkRemedy.TotalTimeout, error.Remedy);
    }

    [Theory]
    [InlineData("hostile-created-fraction")]
    [InlineData("hostile-created-huge")]
    public async Task A_created_time_no_calendar_holds_reads_as_unknown_and_the_text_that_came_is_kept(string model)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var error = await Fails(() => Client(gateway).StreamAsync(Ask(model)).ToResponseAsync(), TimeSpan.FromSeconds(5));
        // The stream closes without [DONE]: truncated, with what arrived.
        Assert.Equal(EvolinkErrorKind.StreamTruncated, error.Kind);
        Assert.Equal("Hi x", error.PartialResponse!.Text);
        Assert.Null(error.PartialResponse.Created);
    }

    [Theory]
    [InlineData("hostile-index-overflow")]
    [InlineData("hostile-tool-index-far")]
    [InlineData("hostile-tool-index-negative")]
    [InlineData("hostile-utf8-error-event")]
    public async Task A_malformed_streamed_value_is_an_evolink_error_for_that_call(string model)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var error = await Fails(() => Client(gateway).StreamAsync(Ask(model)).ToResponseAsync(), TimeSpan.FromSeconds(5));
        Assert.NotNull(error.PartialResponse);
        Assert.Contains(error.Kind, new[] { EvolinkErrorKind.InvalidResponse, EvolinkErrorKind.ServerError });
    }

    [Fact]
    public async Task Invalid_UTF8_in_an_error_body_is_still_that_status_s_error()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var error = Assert.IsType<EvolinkApiException>(await Fails(() => Client(gateway).CompleteAsync(Ask("hostile-utf8-error-body")), TimeSpan.FromSeconds(5)));
        Assert.Equal(500, error.StatusCode);
    }

    [Theory]
    [InlineData("hostile-retry-after-huge")]
    [InlineData("hostile-retry-after-infinity")]
    public async Task An_absurd_retry_after_is_a_rate_limit_error_at_once(string model)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var error = await Fails(() => Client(gateway, o => o.Retry.MaximumRetryCount = 3).CompleteAsync(Ask(model)), TimeSpan.FromSeconds(3));
        Assert.Equal(EvolinkErrorKind.RateLimited, error.Kind);
        Assert.Single(gateway.ChatRequests);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_an_error_naming_the_location_and_nothing_goes_there(int status)
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var elsewhere = await FakeGateway.StartAsync();
        HostileReplies.RedirectTarget = elsewhere.BaseUri + "v1/chat/completions";
        var error = await Fails(() => Client(gateway).CompleteAsync(Ask($"hostile-redirect-{status}")), TimeSpan.FromSeconds(5));
        Assert.Contains(elsewhere.BaseUri.ToString().TrimEnd('/'), error.Message);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_loopback_gateway_is_reached_directly_even_when_a_proxy_is_set_and_other_hosts_go_through_it()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var proxy = await FakeGateway.StartAsync();
        var handler = SharedHttp.CreateHandler(new NetworkSettings(), new WebProxy(proxy.BaseUri));
        var reply = await Client(gateway, o => o.Handler = handler).CompleteAsync(Ask("m"));
        Assert.Equal("hello", reply.Text);
        Assert.Empty(proxy.Requests);
        var remote = Client(gateway, o =>
        {
            o.Handler = SharedHttp.CreateHandler(new NetworkSettings(), new WebProxy(proxy.BaseUri));
            o.BaseUri = new Uri("http://gateway.example.test");
            o.AllowUnencryptedAuthentication = true;
        });
        // The recording "proxy" is a fake gateway too: it answers what it is sent, which shows the hop was taken.
        await remote.CompleteAsync(Ask("m"));
        Assert.Single(proxy.Requests);
    }
}
