using System;
using System.Threading.Tasks;
using FakeEvolink;
using Microsoft.AspNetCore.Http;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class ErrorMappingTests
{
    private static Task<ChatResponse> Ask(FakeGateway gateway, string model, Action<EvolinkClientOptions>? configure = null) =>
        Gateway.Client(gateway, configure).CompleteAsync(Requests.Prompt(model, "hello"));

    [Theory]
    [InlineData(400, EvolinkErrorKind.InvalidRequest, "invalid_parameter")]
    [InlineData(401, EvolinkErrorKind.Authentication, "invalid_api_key")]
    [InlineData(402, EvolinkErrorKind.InsufficientBalance, "insufficient_quota")]
    [InlineData(403, EvolinkErrorKind.PermissionDenied, "model_not_allowed")]
    [InlineData(404, EvolinkErrorKind.NotFound, "model_not_found")]
    [InlineData(408, EvolinkErrorKind.Timeout, "request_timeout")]
    [InlineData(429, EvolinkErrorKind.RateLimited, "rate_limit_exceeded")]
    [InlineData(500, EvolinkErrorKind.NoAvailableChannel, "no_available_channel")]
    [InlineData(503, EvolinkErrorKind.ServerError, "service_unavailable")]
    public async Task An_error_status_becomes_a_typed_exception_with_code_message_and_request_id(int status, EvolinkErrorKind kind, string code)
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Ask(gateway, $"fake-status-{status}"));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.NotNull(error.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(error.GatewayMessage));
        Assert.Contains(error.GatewayMessage!, error.Message);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.Equal("req-fake-000001", error.RequestId);
        Assert.Contains("req-fake-000001", error.Message);
    }

    [Fact]
    public async Task A_validation_error_names_the_parameter_the_gateway_refused()
    {
        await using var gateway = await Gateway.StartAsync();
        var request = Requests.Prompt("m", "x");
        request.Temperature = 3;

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Gateway.Client(gateway).CompleteAsync(request));

        Assert.Equal((400, "invalid_parameter", "temperature"), (error.StatusCode, error.ErrorCode, error.Param));
        Assert.Contains("'temperature'", error.Message);
    }

    [Fact]
    public async Task A_quota_error_carries_the_gateways_figures()
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Ask(gateway, "fake-status-402"));

        Assert.Equal(0.25, error.Details["remaining_credits"]);
        Assert.Equal(EvolinkRemedy.TopUpBalance, error.Remedy);
        Assert.Contains("Remaining credits: 0.25", error.Message);
        Assert.Equal(EvolinkRemedy.TopUpBalance, error.Remedy);
    }

    [Fact]
    public async Task A_rate_limit_error_carries_retry_after()
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Ask(gateway, "fake-status-429"));

        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error_that_says_what_to_check()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText("sk-wrong")) { BaseUri = gateway.BaseUri });

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => client.CompleteAsync(Requests.Prompt("m", "x")));

        Assert.Equal(EvolinkErrorKind.Authentication, error.Kind);
        Assert.Equal(EvolinkRemedy.CheckApiKey, error.Remedy);
        Assert.DoesNotContain("sk-wrong", error.ToString());
    }

    [Fact]
    public async Task A_numeric_error_code_and_a_request_id_in_the_body_are_read()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("numeric", async call =>
        {
            call.Http.Response.Headers.Remove("x-request-id");
            call.Http.Response.StatusCode = 500;
            await call.Http.Response.WriteAsync("""{"error":{"code":5001,"message":"upstream broke","type":"upstream_error","request_id":"body-id-7"}}""");
        });

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Ask(gateway, "numeric"));

        Assert.Equal(("5001", "upstream broke", "body-id-7"), (error.ErrorCode, error.GatewayMessage, error.RequestId));
    }

    [Fact]
    public async Task The_oneapi_request_id_header_is_read_when_x_request_id_is_absent()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("oneapi", call =>
        {
            call.Http.Response.Headers.Remove("x-request-id");
            call.Http.Response.Headers["x-oneapi-request-id"] = "oneapi-42";
            return GatewayReplies.JsonAsync(call.Http, GatewayReplies.Completion(call, "hi"));
        });

        var reply = await Ask(gateway, "oneapi");

        Assert.Equal("oneapi-42", reply.RequestId);
    }

    [Fact]
    public async Task An_html_error_page_is_reported_by_status_and_first_bytes_not_as_a_json_error()
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Ask(gateway, "fake-html-502"));

        Assert.Equal((502, EvolinkErrorKind.ServerError), (error.StatusCode, error.Kind));
        Assert.Contains("<h1>502 Bad Gateway</h1>", error.Message);
        Assert.DoesNotContain("JsonException", error.ToString());
    }

    [Fact]
    public async Task A_success_status_with_a_body_that_is_not_json_is_an_invalid_response()
    {
        await using var gateway = await Gateway.StartAsync();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => Ask(gateway, "fake-not-json"));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("<html>maintenance</html>", error.Message);
        Assert.Equal("req-fake-000001", error.RequestId);
    }

    [Fact]
    public async Task A_closed_port_is_a_network_error_naming_the_host()
    {
        Uri closed;
        await using (var gateway = await Gateway.StartAsync())
            closed = gateway.BaseUri;
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText("sk-x")) { BaseUri = closed, Retry = new RetryPolicy { MaximumRetryCount = 0 } });

        var error = await Assert.ThrowsAsync<EvolinkException>(() => client.CompleteAsync(Requests.Prompt("m", "x")));

        Assert.Equal(EvolinkErrorKind.Network, error.Kind);
        Assert.Contains("127.0.0.1", error.Message);
    }

    [Fact]
    public async Task No_reply_headers_within_the_connection_timeout_is_a_timeout_error()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("slow", async call =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), call.Http.RequestAborted);
            await GatewayReplies.JsonAsync(call.Http, GatewayReplies.Completion(call, "late"));
        });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => Ask(gateway, "slow", o => o.ConnectionTimeout = TimeSpan.FromMilliseconds(300)));

        Assert.Equal(EvolinkErrorKind.Timeout, error.Kind);
        Assert.Equal(EvolinkRemedy.ConnectionTimeout, error.Remedy);
        Assert.InRange(started.Elapsed.TotalSeconds, 0.25, 3);
    }
}
