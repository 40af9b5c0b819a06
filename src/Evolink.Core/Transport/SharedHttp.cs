using System;
using System.Net;
using System.Net.Http;

namespace Evolink.Transport;

/// <summary>
/// One HttpClient for the whole process: its handler keeps one pool of
/// keep-alive connections per host, so every cmdlet call reuses warm
/// connections. Timeouts are applied per call, not here.
/// </summary>
internal static class SharedHttp
{
    private static readonly Lazy<HttpClient> Instance = new(() => Create(CreateHandler(null)));

    public static HttpClient Client => Instance.Value;

    public static HttpClient Create(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"Evolink-PowerShell/{typeof(SharedHttp).Assembly.GetName().Version?.ToString(3)}");
        return client;
    }

    /// <summary>The handler every client shares; <paramref name="systemProxy"/> stands in for the system's proxy (tests).</summary>
    internal static HttpMessageHandler CreateHandler(IWebProxy? systemProxy)
    {
#if NET
        return new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            UseCookies = false,
            // An API client does not follow redirects: the prompt, the key and the idempotency key stay with the host the user chose.
            AllowAutoRedirect = false,
            Proxy = new LoopbackBypassProxy(systemProxy ?? HttpClient.DefaultProxy),
            UseProxy = true,
            // Pooled connections are renewed now and then so a changed DNS record is picked up in long sessions.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
        };
#else
        return new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
#endif
    }
}
