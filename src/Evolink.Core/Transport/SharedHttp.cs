using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using Evolink.Configuration;

namespace Evolink.Transport;

/// <summary>
/// One HttpClient per network setup for the whole process: its handler keeps
/// one pool of keep-alive connections per host, so every cmdlet call with
/// the same proxy and trust reuses warm connections. Timeouts are applied
/// per call, not here.
/// </summary>
internal static class SharedHttp
{
    private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> Pools = new(StringComparer.Ordinal);

    public static HttpClient For(NetworkSettings settings) =>
        Pools.GetOrAdd(settings.PoolKey, _ => new Lazy<HttpClient>(() => Create(CreateHandler(settings)), System.Threading.LazyThreadSafetyMode.PublicationOnly)).Value;

    public static HttpClient Create(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"Evolink-PowerShell/{typeof(SharedHttp).Assembly.GetName().Version?.ToString(3)}");
        return client;
    }

    /// <summary>The handler for these settings; <paramref name="systemProxy"/> stands in for the system's proxy (tests).</summary>
    internal static HttpMessageHandler CreateHandler(NetworkSettings settings, IWebProxy? systemProxy = null)
    {
        var trust = CertificateTrust.For(settings);
#if NET
        var handler = Sockets();
        handler.Proxy = new ProxyChooser(settings, systemProxy);
        handler.UseProxy = true;
        if (trust is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = trust.Accept;
        return handler;
#else
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
            AllowAutoRedirect = false,
            Proxy = new ProxyChooser(settings, systemProxy),
            UseProxy = true,
            // Windows PowerShell 5.1's .NET Framework may still offer TLS 1.0; the gateway and any sane proxy speak 1.2.
            SslProtocols = System.Security.Authentication.SslProtocols.Tls12,
        };
        if (trust is not null)
            handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => trust.Accept(message, certificate, chain, errors);
        return handler;
#endif
    }

#if NET
    /// <summary>
    /// What every connection of the engine has in common, whatever the network setup (the warm-up's in-memory
    /// connection too, so it runs the same handler code as a real call): the proxy and trust are added per setup.
    /// </summary>
    internal static SocketsHttpHandler Sockets() => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        UseCookies = false,
        // An API client does not follow redirects: the prompt, the key and the idempotency key stay with the host the user chose.
        AllowAutoRedirect = false,
        // Pooled connections are renewed now and then so a changed DNS record is picked up in long sessions.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        EnableMultipleHttp2Connections = true,
    };
#endif
}
