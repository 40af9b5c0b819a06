using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

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
        Assert.Contains("EVOLINK_API_KEY", error.Message);
    }

    [Fact]
    public void An_explicit_key_wins_over_the_environment_and_is_reported_by_source_only()
    {
        var resolved = ApiKeyResolver.Resolve(Gateway.Secure("sk-explicit"), Environment(new() { ["EVOLINK_API_KEY"] = "sk-env" }));

        Assert.Equal("sk-explicit", resolved.Key.Reveal());
        Assert.Equal(KeyOrigin.Given, resolved.Origin);
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

    /// <summary>The base URI a command uses when given <paramref name="typed"/>, with nothing set for the session or saved.</summary>
    private static Uri BaseUri(Uri? typed, Func<string, string?> environment) =>
        (Uri)ConfigurationLayers.Combine(new EvolinkConfiguration().With(Settings.BaseUri, typed), new EvolinkConfiguration(), new EvolinkConfiguration(), environment, strict: true)[Settings.BaseUri]!;

    [Fact]
    public void The_base_uri_comes_from_the_parameter_then_the_environment_then_the_default()
    {
        var env = Environment(new() { ["EVOLINK_BASE_URL"] = "https://api.evolink.ai" });

        Assert.Equal("https://example.test/", BaseUri(new Uri("https://example.test"), env).ToString());
        Assert.Equal("https://api.evolink.ai/", BaseUri(null, env).ToString());
        Assert.Equal("https://direct.evolink.ai/", BaseUri(null, Environment(new())).ToString());
    }

    [Fact]
    public void A_base_uri_in_the_environment_that_is_not_http_is_a_clear_configuration_error()
    {
        var error = Assert.Throws<EvolinkException>(() =>
            BaseUri(null, Environment(new() { ["EVOLINK_BASE_URL"] = "direct.evolink.ai" })));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Contains("EVOLINK_BASE_URL", error.Message);
    }

    [Fact]
    public async Task The_key_is_never_sent_over_plain_http_to_a_host_that_is_not_loopback()
    {
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText("sk-x")) { BaseUri = new Uri("http://gateway.example.invalid") });

        var error = await Assert.ThrowsAsync<EvolinkException>(() => client.CompleteAsync(Requests.Prompt("m", "x")));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Equal(EvolinkRemedy.UnencryptedAuthentication, error.Remedy);
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
