using System;
using System.Net;
using System.Net.Http;

namespace Evolink;

/// <summary>
/// One HttpClient for the whole process: its handler keeps one pool of
/// keep-alive connections per host, so every cmdlet call reuses warm
/// connections. Timeouts are applied per call, not here.
/// </summary>
internal static class SharedHttp
{
    private static readonly Lazy<HttpClient> Instance = new(() => Create(CreateHandler()));

    public static HttpClient Client => Instance.Value;

    public static HttpClient Create(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"Evolink-PowerShell/{typeof(SharedHttp).Assembly.GetName().Version?.ToString(3)}");
        return client;
    }

    private static HttpMessageHandler CreateHandler()
    {
#if NET
        return new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            UseCookies = false,
            // Pooled connections are renewed now and then so a changed DNS record is picked up in long sessions.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
        };
#else
        return new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };
#endif
    }
}
