using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class FallbackTests
{
    private static ChatRequest Request(string model) => Requests.Prompt(model, "hello");

    [Theory]
    [InlineData("fake-status-502")]
    [InlineData("fake-status-503")]
    [InlineData("fake-status-504")]
    public async Task A_failing_default_host_falls_back_to_the_documented_host_and_says_so(string failure)
    {
        await using var primary = await Gateway.StartAsync();
        await using var fallback = await Gateway.StartAsync();
        primary.Scenarios.Add("m", primary.Scenarios.Find(failure));
        var log = new ConcurrentQueue<string>();
        var client = Gateway.Client(primary, o => { o.FallbackBaseUri = fallback.BaseUri; o.Log = log.Enqueue; });

        var reply = await client.CompleteAsync(Request("m"));

        Assert.Equal("hello", reply.Text);
        Assert.Single(primary.ChatRequests);
        Assert.Single(fallback.ChatRequests);
        Assert.Equal(primary.ChatRequests[0].Header("Idempotency-Key"), fallback.ChatRequests[0].Header("Idempotency-Key"));
        Assert.Contains(log, line => line.Contains("fallback host"));
    }

    [Fact]
    public async Task An_unreachable_default_host_falls_back()
    {
        Uri closed;
        await using (var gone = await Gateway.StartAsync())
            closed = gone.BaseUri;
        await using var fallback = await Gateway.StartAsync();
        var client = Gateway.Client(fallback, o => { o.BaseUri = closed; o.FallbackBaseUri = fallback.BaseUri; });

        Assert.Equal("hello", (await client.CompleteAsync(Request("m"))).Text);
    }

    [Fact]
    public async Task A_refusal_such_as_400_does_not_fall_back()
    {
        await using var primary = await Gateway.StartAsync();
        await using var fallback = await Gateway.StartAsync();
        var client = Gateway.Client(primary, o => o.FallbackBaseUri = fallback.BaseUri);

        await Assert.ThrowsAsync<EvolinkApiException>(() => client.CompleteAsync(Request("fake-status-400")));

        Assert.Empty(fallback.Requests);
    }

    [Fact]
    public void Only_the_default_base_uri_has_a_fallback_a_chosen_one_never()
    {
        var none = new Dictionary<string, string>();
        var env = new Dictionary<string, string> { ["EVOLINK_BASE_URL"] = "https://proxy.example" };

        // Decided once, by the resolver every command uses.
        Uri? FallbackFor(Uri? typed, Dictionary<string, string> environment) => SettingsResolver.Resolve(
            new EvolinkConfiguration().With(Settings.BaseUri, typed).With(Settings.ApiKey, Gateway.Secure("sk-fallback-test-0000")), new EvolinkConfiguration(), new EvolinkConfiguration(),
            k => environment.GetValueOrDefault(k), null).Options.FallbackBaseUri;
        Assert.Equal(EvolinkClientOptions.DocumentedFallbackUri, FallbackFor(null, none));
        Assert.Null(FallbackFor(new Uri("https://direct.evolink.ai"), none));
        Assert.Null(FallbackFor(null, env));
    }
}
