using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Evolink.Tests.Engine;

public sealed class ApiKeyTests
{
    private static Func<string, string?> Environment(Dictionary<string, string> values) =>
        name => values.TryGetValue(name, out var value) ? value : null;

    [Fact]
    public void A_missing_key_gives_a_message_that_names_all_three_ways_to_provide_one()
    {
        var error = Assert.Throws<EvolinkException>(() => ApiKeyResolver.Resolve(null, Environment(new())));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Equal(EvolinkRemedy.ProvideApiKey, error.Remedy);
        // What a user reads: the engine's message with the module's advice.
        var said = Evolink.Commands.Advice.Worded(error).Message;
        Assert.Contains("-ApiKey", said);
        Assert.Contains("EVOLINK_API_KEY", said);
        Assert.Contains("Set-EvolinkApiKey", said);
        Assert.Contains("vault", said);
    }

    [Fact]
    public void An_explicit_key_wins_over_the_environment_and_is_reported_by_source_only()
    {
        var resolved = ApiKeyResolver.Resolve(Gateway.Secure("sk-explicit"), Environment(new() { ["EVOLINK_API_KEY"] = "sk-env" }));

        Assert.Equal("sk-explicit", resolved.Key.Reveal());
        Assert.Equal(KeyOrigin.Given, resolved.Origin);
        Assert.Equal("the -ApiKey parameter", Evolink.Commands.Advice.Source(resolved));
    }

    [Fact]
    public void The_environment_variable_is_used_when_no_key_is_passed()
    {
        var resolved = ApiKeyResolver.Resolve(null, Environment(new() { ["EVOLINK_API_KEY"] = "  sk-env \n" }));

        Assert.Equal("sk-env", resolved.Key.Reveal());
        Assert.Contains("EVOLINK_API_KEY", resolved.Source);
        Assert.DoesNotContain("sk-env", resolved.Source);
    }

    [Fact]
    public void A_key_never_shows_itself_as_text()
    {
        var key = EvolinkApiKey.FromSecureString(Gateway.Secure("sk-secret-value"));

        Assert.Equal("***", key.ToString());
        Assert.Equal("***", $"{key}");
    }

    [Fact]
    public void The_base_uri_comes_from_the_parameter_then_the_environment_then_the_default()
    {
        var env = Environment(new() { ["EVOLINK_BASE_URL"] = "https://api.evolink.ai" });

        Assert.Equal("https://example.test/", EvolinkClientOptions.ResolveBaseUri(new Uri("https://example.test"), env).ToString());
        Assert.Equal("https://api.evolink.ai/", EvolinkClientOptions.ResolveBaseUri(null, env).ToString());
        Assert.Equal("https://direct.evolink.ai/", EvolinkClientOptions.ResolveBaseUri(null, Environment(new())).ToString());
    }

    [Fact]
    public void A_base_uri_in_the_environment_that_is_not_http_is_a_clear_configuration_error()
    {
        var error = Assert.Throws<EvolinkException>(() =>
            EvolinkClientOptions.ResolveBaseUri(null, Environment(new() { ["EVOLINK_BASE_URL"] = "direct.evolink.ai" })));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Contains("EVOLINK_BASE_URL", error.Message);
    }

    [Fact]
    public async Task The_key_is_never_sent_over_plain_http_to_a_host_that_is_not_loopback()
    {
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText("sk-x")) { BaseUri = new Uri("http://gateway.example.invalid") });

        var error = await Assert.ThrowsAsync<EvolinkException>(() => client.CompleteAsync(ChatRequests.ForPrompt("m", "x")));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Equal(EvolinkRemedy.UnencryptedAuthentication, error.Remedy);
        Assert.Contains("AllowUnencryptedAuthentication", Evolink.Commands.Advice.Worded(error).Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/", true)]
    [InlineData("http://localhost:1/", true)]
    [InlineData("http://[::1]:1/", true)]
    [InlineData("http://10.0.0.5/", false)]
    [InlineData("http://gateway.example/", false)]
    public void Loopback_hosts_are_told_apart_from_others(string uri, bool loopback) =>
        Assert.Equal(loopback, GatewayEndpoint.IsLoopback(new Uri(uri)));
}
