using System;
using System.Collections.Generic;
using Xunit;
using Evolink.Configuration;
using Evolink.Errors;
using Evolink.Transport;

namespace Evolink.Core.Tests;

/// <summary>The hop for each destination, in the documented order, with the reason Test-EvolinkConnection shows.</summary>
public sealed class ProxyChoiceTests
{
    private static readonly Uri Gateway = new("https://direct.evolink.ai");

    private static ProxyChoice Choose(Uri destination, Action<NetworkSettings>? settings = null, Dictionary<string, string>? variables = null)
    {
        var network = new NetworkSettings { Variables = ProxyVariables.From(name => variables is not null && variables.TryGetValue(name, out var v) ? v : null) };
        settings?.Invoke(network);
        // An empty system proxy: these cases are about the settings and the variables.
        return new ProxyChooser(network, new System.Net.WebProxy()).Choose(destination);
    }

    [Fact]
    public void Loopback_is_always_direct_even_with_a_proxy_named()
    {
        var choice = Choose(new Uri("http://127.0.0.1:5000"), n => n.Proxy = new Uri("http://proxy.corp:8080"), new() { ["HTTPS_PROXY"] = "http://p:1" });
        Assert.Equal((null, HopReason.Loopback), (choice.Proxy, choice.Reason));
        Assert.Equal(HopReason.Loopback, Choose(new Uri("http://localhost:5000"), n => n.Proxy = new Uri("http://proxy.corp:8080")).Reason);
    }

    [Fact]
    public void No_proxy_wins_over_a_named_proxy_and_the_variables()
    {
        var choice = Choose(Gateway, n => n.NoProxy = true, new() { ["HTTPS_PROXY"] = "http://p:1" });
        Assert.Equal((null, HopReason.NoProxy), (choice.Proxy, choice.Reason));
    }

    [Fact]
    public void A_named_proxy_wins_over_the_variables_and_NO_PROXY()
    {
        var choice = Choose(Gateway, n => { n.Proxy = new Uri("http://proxy.corp:8080"); n.ProxySource = "parameter"; },
            new() { ["HTTPS_PROXY"] = "http://p:1", ["NO_PROXY"] = "evolink.ai" });
        Assert.Equal((new Uri("http://proxy.corp:8080"), HopReason.Proxy, "parameter"), (choice.Proxy, choice.Reason, choice.Source));
    }

    [Theory]
    [InlineData("https://direct.evolink.ai", "HTTPS_PROXY", "http://secure:1", "http://plain:2", null, "http://secure:1/")]
    [InlineData("http://gateway.corp", "HTTP_PROXY", "http://secure:1", "http://plain:2", null, "http://plain:2/")]
    [InlineData("https://direct.evolink.ai", "ALL_PROXY", null, "http://plain:2", "http://all:3", "http://all:3/")]
    public void The_variable_for_the_scheme_names_the_proxy_and_ALL_PROXY_covers_the_rest(string destination, string variable, string? https, string? http, string? all, string expected)
    {
        var variables = new Dictionary<string, string>();
        if (https is not null) variables["HTTPS_PROXY"] = https;
        if (http is not null) variables["HTTP_PROXY"] = http;
        if (all is not null) variables["ALL_PROXY"] = all;
        var choice = Choose(new Uri(destination), variables: variables);
        Assert.Equal((new Uri(expected), HopReason.Variable, variable), (choice.Proxy, choice.Reason, choice.Source));
    }

    [Fact]
    public void The_lower_case_variable_wins_and_a_bare_host_and_port_is_read_as_http()
    {
        var choice = Choose(Gateway, variables: new() { ["HTTPS_PROXY"] = "http://upper:1", ["https_proxy"] = "lower:3128" });
        Assert.Equal(new Uri("http://lower:3128"), choice.Proxy);
    }

    [Theory]
    [InlineData("evolink.ai", true)]
    [InlineData(".evolink.ai", true)]
    [InlineData("*.evolink.ai", true)]
    [InlineData("direct.evolink.ai", true)]
    [InlineData("*", true)]
    [InlineData("other.example, direct.evolink.ai:443", true)]
    [InlineData("direct.evolink.ai:8443", false)]
    [InlineData("notevolink.ai", false)]
    [InlineData("api.evolink.ai", false)]
    public void NO_PROXY_entries_match_the_host_its_subdomains_and_a_port(string noProxy, bool bypassed)
    {
        var choice = Choose(Gateway, variables: new() { ["HTTPS_PROXY"] = "http://p:1", ["NO_PROXY"] = noProxy });
        Assert.Equal(bypassed ? HopReason.Bypass : HopReason.Variable, choice.Reason);
        Assert.Equal(bypassed, choice.Proxy is null);
    }

    [Fact]
    public void A_saved_proxy_is_below_the_variables_and_above_the_system()
    {
        Assert.Equal(HopReason.Variable, Choose(Gateway, n => n.SavedProxy = new Uri("http://saved:1"), new() { ["HTTPS_PROXY"] = "http://p:1" }).Reason);
        var saved = Choose(Gateway, n => n.SavedProxy = new Uri("http://saved:1"));
        Assert.Equal((new Uri("http://saved:1"), HopReason.Proxy, "file"), (saved.Proxy, saved.Reason, saved.Source));
        Assert.Equal(HopReason.Bypass, Choose(Gateway, n => n.SavedProxy = new Uri("http://saved:1"), new() { ["NO_PROXY"] = "evolink.ai" }).Reason);
    }

    [Fact]
    public void The_system_proxy_decides_last_and_nothing_means_direct()
    {
        var network = new NetworkSettings();
        var system = new ProxyChooser(network, new System.Net.WebProxy("http://system:8080")).Choose(Gateway);
        Assert.Equal((new Uri("http://system:8080/"), HopReason.System), (system.Proxy, system.Reason));
        Assert.Equal(HopReason.Direct, Choose(Gateway).Reason);
    }

    [Fact]
    public void A_proxy_variable_that_is_not_a_uri_is_a_configuration_error_naming_it()
    {
        var error = Assert.Throws<EvolinkException>(() => Choose(Gateway, variables: new() { ["HTTPS_PROXY"] = "http://bad host:x" }));
        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Contains("HTTPS_PROXY", error.Message);
    }
}
