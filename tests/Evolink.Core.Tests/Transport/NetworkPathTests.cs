using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Core.Tests;

/// <summary>
/// The hop and the trust over real loopback servers: a recording proxy
/// (forward and CONNECT, with and without a credential) and a gateway with a
/// self-signed certificate. The gateway is named gateway.test, which is not
/// this machine, so the proxy rules apply; the proxy takes it to loopback.
/// </summary>
public sealed class NetworkPathTests : IAsyncLifetime
{
    private readonly TestCertificate _certificate = TestCertificate.Create("gateway.test", "localhost");
    private FakeGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeGateway.StartAsync(certificate: _certificate.Certificate);

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _certificate.Dispose();
    }

    private Uri Named => new($"https://gateway.test:{_gateway.BaseUri.Port}");

    private EvolinkClient Client(Uri baseUri, Action<NetworkSettings> network) => Gateway.Client(_gateway, o =>
    {
        o.BaseUri = baseUri;
        o.Network = new NetworkSettings();
        network(o.Network);
    });

    private static Task<ChatResponse> Ask(EvolinkClient client) => client.CompleteAsync(Requests.Prompt("m", "through the proxy"));

    [Fact]
    public async Task Through_a_named_proxy_an_https_gateway_is_reached_by_a_tunnel_and_the_key_never_crosses_in_clear()
    {
        await using var proxy = RecordingProxy.Start();
        var reply = await Ask(Client(Named, n => { n.Proxy = proxy.Uri; n.CertificateAuthorityFile = _certificate.PemPath; }));

        Assert.Equal("through the proxy", reply.Text);
        var seen = Assert.Single(proxy.Seen);
        Assert.Equal(("CONNECT", $"gateway.test:{_gateway.BaseUri.Port}"), (seen.Method, seen.Target));
        Assert.DoesNotContain(_gateway.ApiKey, seen.Head);
        Assert.DoesNotContain("Authorization: Bearer", seen.Head);
        Assert.Equal($"Bearer {_gateway.ApiKey}", _gateway.ChatRequests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task HTTPS_PROXY_chooses_the_proxy_and_NO_PROXY_sends_the_same_host_direct()
    {
        await using var proxy = RecordingProxy.Start();
        var variables = new ProxyVariables(null, proxy.Uri.ToString(), null, null);
        await Ask(Client(Named, n => { n.Variables = variables; n.CertificateAuthorityFile = _certificate.PemPath; }));
        Assert.Equal("CONNECT", Assert.Single(proxy.Seen).Method);

        // Direct to gateway.test cannot resolve here: the proof is that the proxy saw nothing more.
        var bypassed = new ProxyVariables(null, proxy.Uri.ToString(), null, "gateway.test");
        var error = await Assert.ThrowsAsync<EvolinkException>(() => Ask(Client(Named, n => { n.Variables = bypassed; n.CertificateAuthorityFile = _certificate.PemPath; })));
        Assert.Equal(EvolinkErrorKind.Network, error.Kind);
        Assert.Single(proxy.Seen);
    }

    [Fact]
    public async Task A_plain_http_gateway_through_a_proxy_is_forwarded_in_clear_so_it_needs_the_explicit_allowance()
    {
        await using var proxy = RecordingProxy.Start();
        var plain = await FakeGateway.StartAsync();
        await using (plain)
        {
            var named = new Uri($"http://gateway.test:{plain.BaseUri.Port}");
            var refused = await Assert.ThrowsAsync<EvolinkException>(() => Ask(Gateway.Client(plain, o => { o.BaseUri = named; o.Network.Proxy = proxy.Uri; })));
            Assert.Equal(EvolinkRemedy.UnencryptedAuthentication, refused.Remedy);
            Assert.Empty(proxy.Seen);

            await Ask(Gateway.Client(plain, o => { o.BaseUri = named; o.Network = new NetworkSettings { Proxy = proxy.Uri }; o.AllowUnencryptedAuthentication = true; }));
            var seen = Assert.Single(proxy.Seen);
            Assert.Equal("POST", seen.Method);
            Assert.Contains("Authorization: Bearer", seen.Head);
        }
    }

    [Fact]
    public async Task An_https_proxy_is_reached_over_TLS_and_the_gateway_through_a_tunnel_inside_it()
    {
        await using var proxy = RecordingProxy.Start(certificate: _certificate.Certificate);
        Assert.Equal("https", proxy.Uri.Scheme);
        var reply = await Ask(Client(Named, n => { n.Proxy = proxy.Uri; n.CertificateAuthorityFile = _certificate.PemPath; }));
        Assert.Equal("through the proxy", reply.Text);
        Assert.Equal("CONNECT", Assert.Single(proxy.Seen).Method);
    }

    [Fact]
    public async Task An_authenticating_proxy_refuses_without_the_credential_and_lets_it_through_with_it()
    {
        await using var proxy = RecordingProxy.Start("alice", "s3cret-proxy-pass");
        var refused = await Assert.ThrowsAsync<EvolinkException>(() => Ask(Client(Named, n => { n.Proxy = proxy.Uri; n.CertificateAuthorityFile = _certificate.PemPath; })));
        Assert.Equal(EvolinkErrorKind.Network, refused.Kind);
        Assert.True(proxy.Challenges > 0);

        var reply = await Ask(Client(Named, n =>
        {
            n.Proxy = proxy.Uri;
            n.ProxyCredential = new System.Net.NetworkCredential("alice", "s3cret-proxy-pass");
            n.CertificateAuthorityFile = _certificate.PemPath;
        }));
        Assert.Equal("through the proxy", reply.Text);
        Assert.Contains(proxy.Seen, s => s.Method == "CONNECT" && s.Head.Contains("Proxy-Authorization: Basic"));
    }

    [Fact]
    public async Task A_self_signed_gateway_is_refused_then_trusted_by_its_authority_file_or_by_skipping_the_check()
    {
        var direct = _gateway.BaseUri;
        var refused = await Assert.ThrowsAsync<EvolinkException>(() => Ask(Client(direct, _ => { })));
        Assert.Equal(EvolinkErrorKind.Network, refused.Kind);
        Assert.Empty(_gateway.ChatRequests);

        Assert.Equal("through the proxy", (await Ask(Client(direct, n => n.CertificateAuthorityFile = _certificate.PemPath))).Text);
        Assert.Equal("through the proxy", (await Ask(Client(direct, n => n.SkipCertificateCheck = true))).Text);
    }

    [Fact]
    public async Task Another_authority_file_does_not_make_the_gateway_trusted()
    {
        using var other = TestCertificate.Create("elsewhere.test");
        var error = await Assert.ThrowsAsync<EvolinkException>(() => Ask(Client(_gateway.BaseUri, n => n.CertificateAuthorityFile = other.PemPath)));
        Assert.Equal(EvolinkErrorKind.Network, error.Kind);
    }

    [Fact]
    public async Task A_missing_authority_file_is_a_configuration_error_naming_it()
    {
        var error = Assert.Throws<EvolinkException>(() => Client(_gateway.BaseUri, n => n.CertificateAuthorityFile = "/no/such/ca.pem"));
        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Contains("/no/such/ca.pem", error.Message);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(null, "HTTP/2")]
    [InlineData("1.1", "HTTP/1.1")]
    public async Task The_HTTP_version_is_HTTP_2_where_offered_unless_asked_for(string? version, string expected)
    {
        await Ask(Client(_gateway.BaseUri, n => { n.SkipCertificateCheck = true; n.HttpVersion = version is null ? null : Version.Parse(version); }));
        Assert.Equal(expected, _gateway.ChatRequests.Last().Protocol);
    }
}
