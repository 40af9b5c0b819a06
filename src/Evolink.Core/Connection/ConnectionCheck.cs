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
using Evolink.Configuration;
using Evolink.Errors;
using Evolink.Transport;

namespace Evolink.Connection;

/// <summary>
/// Tells why nothing works, one step at a time, for the gateway and its
/// fallback host: the hop the proxy rules choose, DNS, TCP, the proxy's
/// CONNECT, the TLS handshake, then the API itself with the key (models,
/// credits) and its latency. Every step is bounded by the connection limit
/// and none of them ever shows the key.
/// </summary>
public sealed partial class ConnectionCheck
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
                    add(new ConnectionStep("Credits", gateway.Host, EvolinkErrorKinds.IsSpent(ex.Kind) ? StepResult.Failed : StepResult.Warning, timer.Elapsed, ex.Message, ex.Remedy));
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

    /// <summary>The proxy's status line, as sent: its headers are read up to the blank line (at most 8 KiB) and left, and nothing of the tunnel's own bytes is read.</summary>
    private static async Task<byte[]> ReadStatusAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 8192 && !EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false) == 0)
                throw new System.IO.IOException("the proxy closed the connection");
            head.Add(one[0]);
        }
        var end = head.IndexOf((byte)'\r');
        return head.GetRange(0, end < 0 ? head.Count : end).ToArray();
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[head.Count - 4] == '\r' && head[head.Count - 3] == '\n' && head[head.Count - 2] == '\r' && head[head.Count - 1] == '\n';

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

    private static string Reason(Exception ex) => (ex is AggregateException a ? a.GetBaseException() : ex).Message;
}
