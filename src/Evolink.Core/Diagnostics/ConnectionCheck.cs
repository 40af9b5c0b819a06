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

namespace Evolink.Diagnostics;

/// <summary>
/// Tells why nothing works, one step at a time, for the gateway and its
/// fallback host: the hop the proxy rules choose, DNS, TCP, the proxy's
/// CONNECT, the TLS handshake, then the API itself with the key (models,
/// credits) and its latency. Every step is bounded by the connection limit
/// and none of them ever shows the key.
/// </summary>
public sealed class ConnectionCheck
{
    private readonly EvolinkClientOptions _options;
    private readonly ProxyChooser _proxies;
    private readonly TimeSpan _limit;

    public ConnectionCheck(EvolinkClientOptions options)
    {
        _options = options;
        _proxies = new ProxyChooser(options.Network);
        _limit = options.ConnectionTimeout is { } limit && limit < TimeSpan.FromSeconds(30) ? limit : TimeSpan.FromSeconds(30);
    }

    /// <summary>Runs every step for every host; <paramref name="report"/> gets each step as it ends.</summary>
    public async Task<IReadOnlyList<ConnectionStep>> RunAsync(Action<ConnectionStep> report, CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionStep>();
        void Add(ConnectionStep step)
        {
            steps.Add(step);
            report(step);
        }
        var hosts = new[] { _options.BaseUri, _options.FallbackBaseUri }.Where(h => h is not null).Select(h => h!).ToList();
        var reachable = new List<Uri>();
        foreach (var host in hosts)
            if (await NetworkStepsAsync(host, Add, cancellationToken).ConfigureAwait(false))
                reachable.Add(host);
        await ApiStepsAsync(hosts, reachable, Add, cancellationToken).ConfigureAwait(false);
        var failed = steps.FirstOrDefault(s => s.Result == StepResult.Failed);
        Add(new ConnectionStep("Verdict", _options.BaseUri.Host, failed is null ? StepResult.Passed : StepResult.Failed, TimeSpan.Zero,
            failed is null ? "The gateway answers with this key." : $"{failed.Step} failed for {failed.Target}: {failed.Detail}", failed?.Remedy ?? EvolinkRemedy.None));
        return steps;
    }

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
        catch (Exception ex) when (Expected(ex, cancellationToken))
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
        catch (Exception ex) when (Expected(ex, cancellationToken))
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
        if (_options.Network.ProxyCredential is { } credential)
            request.Append("Proxy-Authorization: Basic ")
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password))).Append("\r\n");
        request.Append("\r\n");
        try
        {
            var bytes = Encoding.ASCII.GetBytes(request.ToString());
            await Bounded(stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken), cancellationToken).ConfigureAwait(false);
            var status = await Bounded(ReadStatusAsync(stream, cancellationToken), cancellationToken).ConfigureAwait(false);
            var code = status.Split(' ').Skip(1).FirstOrDefault();
            if (code == "200")
            {
                add(new ConnectionStep("Tunnel", target, StepResult.Passed, timer.Elapsed, "the proxy opened a tunnel (CONNECT); the key travels inside it, encrypted"));
                return true;
            }
            add(new ConnectionStep("Tunnel", target, StepResult.Failed, timer.Elapsed, $"the proxy answered '{status}'",
                code == "407" ? EvolinkRemedy.ProxyCredential : EvolinkRemedy.CheckProxy));
        }
        catch (Exception ex) when (Expected(ex, cancellationToken))
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
        catch (Exception ex) when (Expected(ex, cancellationToken))
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

    /// <summary>The API with the key: models (401/403 say the key is refused), credits (402 says the balance is spent), latency.</summary>
    private async Task ApiStepsAsync(IReadOnlyList<Uri> hosts, IReadOnlyList<Uri> reachable, Action<ConnectionStep> add, CancellationToken cancellationToken)
    {
        var gateway = hosts[0];
        if (!reachable.Contains(gateway))
        {
            Skip(add, gateway.Host, "HTTP", "Credits");
        }
        else
        {
            var client = new EvolinkClient(_options.WithBaseUri(gateway));
            var timer = Stopwatch.StartNew();
            try
            {
                var models = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
                add(new ConnectionStep("HTTP", gateway.Host, StepResult.Passed, timer.Elapsed, $"GET /v1/models: {models.Data.Count} models for this key"));
                timer.Restart();
                try
                {
                    var credits = await client.GetCreditsAsync(cancellationToken).ConfigureAwait(false);
                    add(new ConnectionStep("Credits", gateway.Host, StepResult.Passed, timer.Elapsed, $"GET /v1/credits: {credits} credits available"));
                }
                catch (EvolinkException ex)
                {
                    add(new ConnectionStep("Credits", gateway.Host, ex.Kind == EvolinkErrorKind.QuotaExceeded ? StepResult.Failed : StepResult.Warning, timer.Elapsed, ex.Message, ex.Remedy));
                }
            }
            catch (EvolinkException ex)
            {
                add(new ConnectionStep("HTTP", gateway.Host, StepResult.Failed, timer.Elapsed, ex.Message, ex.Remedy));
                Skip(add, gateway.Host, "Credits");
            }
        }
        foreach (var host in reachable)
            add(await LatencyAsync(host, host == gateway, cancellationToken).ConfigureAwait(false));
    }

    private async Task<ConnectionStep> LatencyAsync(Uri host, bool isGateway, CancellationToken cancellationToken)
    {
        var client = new EvolinkClient(_options.WithBaseUri(host));
        var times = new List<double>();
        var timer = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var one = Stopwatch.StartNew();
                await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
                times.Add(one.Elapsed.TotalMilliseconds);
            }
        }
        catch (EvolinkException ex)
        {
            return new ConnectionStep("Latency", host.Host, isGateway ? StepResult.Skipped : StepResult.Warning, timer.Elapsed,
                isGateway ? "not measured: the HTTP step failed" : $"the fallback host did not answer: {ex.Message}");
        }
        times.Sort();
        return new ConnectionStep("Latency", host.Host, StepResult.Passed, timer.Elapsed, string.Format(CultureInfo.InvariantCulture,
            "GET /v1/models, 3 times on a warm connection: median {0:0} ms (min {1:0}, max {2:0})", times[1], times[0], times[2]));
    }

    private static string Describe(ProxyChoice choice) => choice.Reason switch
    {
        HopReason.Loopback => "direct: this machine is always reached directly",
        HopReason.NoProxy => "direct: no proxy was asked for",
        HopReason.Bypass => $"direct: NO_PROXY entry '{choice.Source}'",
        HopReason.Variable => $"through {choice.Proxy} (from {choice.Source})",
        HopReason.Proxy => $"through {choice.Proxy} (set in the {choice.Source})",
        HopReason.System => $"through {choice.Proxy} (the system's proxy settings)",
        _ => "direct: no proxy is set",
    };

    private static string Describe(X509Certificate2? certificate) => certificate is null ? "no certificate"
        : $"subject {certificate.Subject}, issuer {certificate.Issuer}, expires {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}";

    private static string Protocol(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls12 => "TLS 1.2",
        (SslProtocols)12288 => "TLS 1.3",
        _ => protocol.ToString(),
    };

    private static void Skip(Action<ConnectionStep> add, string target, params string[] steps)
    {
        foreach (var step in steps)
            add(new ConnectionStep(step, target, StepResult.Skipped, TimeSpan.Zero, "not tried: an earlier step failed"));
    }

    private static async Task<string> ReadStatusAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // The status line and headers, byte by byte up to the blank line: nothing of the tunnel's own bytes is read.
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 8192 && !head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false) == 0)
                throw new System.IO.IOException("the proxy closed the connection");
            head.Append((char)one[0]);
        }
        return head.ToString().Split('\r')[0];
    }

    private async Task<T> Bounded<T>(Task<T> work, CancellationToken cancellationToken)
    {
        await Bounded((Task)work, cancellationToken).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    private async Task Bounded(Task work, CancellationToken cancellationToken)
    {
        var done = await Task.WhenAny(work, Task.Delay(_limit, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (done != work)
            throw new TimeoutException($"no answer within {_limit.TotalSeconds:0} s");
        await work.ConfigureAwait(false);
    }

    private static bool Expected(Exception ex, CancellationToken cancellationToken) => !cancellationToken.IsCancellationRequested;

    private static string Reason(Exception ex) => (ex is AggregateException a ? a.GetBaseException() : ex).Message;
}
