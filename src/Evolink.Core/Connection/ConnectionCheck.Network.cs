using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Transport;

namespace Evolink.Connection;

/// <summary>The network steps for one host: the hop, DNS, TCP, the proxy's tunnel, the TLS handshake.</summary>
public sealed partial class ConnectionCheck
{
    /// <summary>Proxy, DNS, TCP and TLS for one host; true when a request could get through.</summary>
    private async Task<bool> NetworkStepsAsync(Uri host, Action<ConnectionStep> add, CancellationToken cancellationToken)
    {
        var name = host.Host;
        var choice = _proxies.Choose(host);
        add(new ConnectionStep("Proxy", name, StepResult.Passed, TimeSpan.Zero, Describe(choice)));
        var hop = choice.Proxy ?? host;
        var viaProxy = choice.Proxy is not null;

        var timer = Stopwatch.StartNew();
        IPAddress[] addresses;
        try
        {
            addresses = await Bounded(Dns.GetHostAddressesAsync(hop.DnsSafeHost), cancellationToken).ConfigureAwait(false);
            add(new ConnectionStep("DNS", hop.Host, StepResult.Passed, timer.Elapsed,
                string.Join(", ", addresses.Select(a => a.ToString())) + (viaProxy ? " (the proxy resolves the gateway's name)" : string.Empty)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            add(new ConnectionStep("DNS", hop.Host, StepResult.Failed, timer.Elapsed, $"the name could not be resolved: {Reason(ex)}",
                viaProxy ? EvolinkRemedy.CheckProxy : EvolinkRemedy.CheckHost));
            Skip(add, name, "TCP", "TLS");
            return false;
        }

        timer.Restart();
        using var tcp = new TcpClient(addresses[0].AddressFamily);
        try
        {
            await Bounded(tcp.ConnectAsync(addresses, hop.Port), cancellationToken).ConfigureAwait(false);
            add(new ConnectionStep("TCP", $"{hop.Host}:{hop.Port}", StepResult.Passed, timer.Elapsed, $"connected to {tcp.Client.RemoteEndPoint}"));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            add(new ConnectionStep("TCP", $"{hop.Host}:{hop.Port}", StepResult.Failed, timer.Elapsed,
                (ex is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "the connection was refused (nothing listens on that port)" : Reason(ex)),
                viaProxy ? EvolinkRemedy.CheckProxy : EvolinkRemedy.CheckHost));
            Skip(add, name, "TLS");
            return false;
        }

        var stream = tcp.GetStream();
        if (host.Scheme != Uri.UriSchemeHttps)
        {
            add(new ConnectionStep("TLS", name, StepResult.Skipped, TimeSpan.Zero, "plain http: nothing is encrypted"));
            return true;
        }
        if (viaProxy && hop.Scheme == Uri.UriSchemeHttps)
        {
            add(new ConnectionStep("TLS", name, StepResult.Skipped, TimeSpan.Zero, "an https proxy is not probed step by step; the HTTP step goes through it"));
            return true;
        }
        if (viaProxy && !await TunnelAsync(stream, host, add, cancellationToken).ConfigureAwait(false))
            return false;
        return await HandshakeAsync(stream, host, add, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the proxy for a tunnel to the host, as the client does for every https request through it.</summary>
    private async Task<bool> TunnelAsync(NetworkStream stream, Uri host, Action<ConnectionStep> add, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var target = $"{host.Host}:{host.Port}";
        var request = new StringBuilder($"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
        var credential = _options.Network.ProxyCredential;
        var basic = credential is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password));
        if (basic is not null)
            request.Append("Proxy-Authorization: Basic ").Append(basic).Append("\r\n");
        request.Append("\r\n");
        // A proxy's words are shown, but never the key, the proxy's password, or the header that carries it: masked, then cut.
        string Shown(string text) => ErrorBodyReader.Cut(new SecretRedactor(basic ?? string.Empty).Redact(
            new SecretRedactor(credential?.Password ?? string.Empty).Redact(_options.Redactor.Redact(text)))!);
        try
        {
            var bytes = Encoding.ASCII.GetBytes(request.ToString());
            await Bounded(stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken), cancellationToken).ConfigureAwait(false);
            var status = Encoding.ASCII.GetString(await Bounded(ReadStatusAsync(stream, cancellationToken), cancellationToken).ConfigureAwait(false));
            var code = status.Split(' ').Skip(1).FirstOrDefault();
            if (code == "200")
            {
                add(new ConnectionStep("Tunnel", target, StepResult.Passed, timer.Elapsed, "the proxy opened a tunnel (CONNECT); the key travels inside it, encrypted"));
                return true;
            }
            add(new ConnectionStep("Tunnel", target, StepResult.Failed, timer.Elapsed, $"the proxy answered '{Shown(status)}'",
                code == "407" ? EvolinkRemedy.ProxyCredential : EvolinkRemedy.CheckProxy));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            add(new ConnectionStep("Tunnel", target, StepResult.Failed, timer.Elapsed, $"the proxy did not open a tunnel: {Reason(ex)}", EvolinkRemedy.CheckProxy));
        }
        Skip(add, host.Host, "TLS");
        return false;
    }

    private async Task<bool> HandshakeAsync(NetworkStream stream, Uri host, Action<ConnectionStep> add, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var trust = CertificateTrust.For(_options.Network);
        string? refusal = null;
        X509Certificate2? seen = null;
        using var tls = new SslStream(stream, leaveInnerStreamOpen: true, (_, certificate, _, errors) =>
        {
            seen = certificate is null ? null : new X509Certificate2(certificate);
            refusal = trust is null ? (errors == SslPolicyErrors.None ? null : CertificateTrust.Describe(errors)) : trust.Check(certificate, errors);
            return refusal is null;
        });
        try
        {
            await Bounded(tls.AuthenticateAsClientAsync(host.Host, null, SslProtocols.None, checkCertificateRevocation: false), cancellationToken).ConfigureAwait(false);
            add(new ConnectionStep("TLS", host.Host, StepResult.Passed, timer.Elapsed, $"{Protocol(tls.SslProtocol)}; {Describe(seen)}"
                + (_options.Network.SkipCertificateCheck ? "; the certificate was not checked, as asked" : string.Empty)));
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var untrusted = refusal is not null;
            add(new ConnectionStep("TLS", host.Host, StepResult.Failed, timer.Elapsed,
                untrusted ? $"{refusal}: {Describe(seen)}" : $"the handshake failed: {Reason(ex)}",
                untrusted ? EvolinkRemedy.TrustCertificate : EvolinkRemedy.CheckProxy));
            return false;
        }
        finally
        {
            seen?.Dispose();
        }
    }
}
