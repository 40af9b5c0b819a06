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
    private static readonly Lazy<HttpClient> Instance = new(() => Create(new HttpClientHandler
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        UseCookies = false,
    }));

    public static HttpClient Client => Instance.Value;

    public static HttpClient Create(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"Evolink-PowerShell/{typeof(SharedHttp).Assembly.GetName().Version?.ToString(3)}");
        return client;
    }
}
