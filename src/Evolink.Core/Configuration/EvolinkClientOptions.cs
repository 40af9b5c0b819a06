using System;
using System.Net.Http;
using Evolink.Credentials;

namespace Evolink.Configuration;

/// <summary>How an <see cref="EvolinkClient"/> reaches the gateway. The defaults are the settings' (<see cref="Settings"/>).</summary>
public sealed class EvolinkClientOptions
{
    /// <summary>The documented second host, where the default gateway falls back to.</summary>
    public static readonly Uri DocumentedFallbackUri = new("https://api.evolink.ai");

    public EvolinkClientOptions(EvolinkApiKey apiKey) => ApiKey = apiKey;

    public EvolinkApiKey ApiKey { get; }

    /// <summary>The gateway's root, e.g. https://direct.evolink.ai (a trailing /v1 is accepted too).</summary>
    public Uri BaseUri { get; set; } = Settings.DefaultBaseUri;

    /// <summary>
    /// Where text requests go when the base URI cannot be reached or answers
    /// 502/503/504: the documented fallback host, set only when the base URI
    /// is the default one (a base URI the user chose never falls back).
    /// </summary>
    public Uri? FallbackBaseUri { get; set; }

    /// <summary>When and how failed requests are sent again.</summary>
    public RetryPolicy Retry { get; set; } = new();

    /// <summary>Where the engine says what it does (retries, fallbacks): the cmdlets' verbose stream. Never given the key.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Where each request is described in detail (method, URI, headers with the key as ***, body): the debug stream.</summary>
    public Action<string>? LogDebug { get; set; }

    /// <summary>Used when a request names no model.</summary>
    public string DefaultModel { get; set; } = Settings.DefaultModelId;

    /// <summary>Connect, send and receive the response headers within this time; null means no limit.</summary>
    public TimeSpan? ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(Settings.Limits.DefaultConnectionTimeoutSeconds);

    /// <summary>
    /// The longest silence allowed while a reply's body is read (a stream's
    /// keep-alives count as activity); null means no limit. A long stream
    /// that keeps sending is never cut.
    /// </summary>
    public TimeSpan? OperationTimeout { get; set; } = TimeSpan.FromSeconds(Settings.Limits.DefaultOperationTimeoutSeconds);

    /// <summary>
    /// The whole call, retries and a stream's last byte included, ends within
    /// this time; null means no limit. Silence limits alone let a server that
    /// drips bytes or keep-alives hold a call for ever.
    /// </summary>
    public TimeSpan? TotalTimeout { get; set; } = TimeSpan.FromSeconds(Settings.Limits.DefaultTotalTimeoutSeconds);

    /// <summary>The most bytes (after decompression) one reply may have, whole or streamed.</summary>
    public long MaxReplyBytes { get; set; } = Settings.Limits.DefaultMaxReplyMegabytes * 1024L * 1024L;

    /// <summary>The largest streamed line or event accepted, in bytes.</summary>
    public int MaxEventBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Allow sending the key over plain http:// to a host that is not loopback
    /// (like Invoke-RestMethod -AllowUnencryptedAuthentication).
    /// </summary>
    public bool AllowUnencryptedAuthentication { get; set; }

    /// <summary>Proxy, certificate trust and HTTP version.</summary>
    public NetworkSettings Network { get; set; } = new();

    /// <summary>A transport of the caller's own (a proxy, a recorder); the client then owns an HttpClient of its own.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>A file of recorded answers, used as <see cref="ReplayUse"/> says.</summary>
    public string? ReplayFile { get; set; }

    /// <summary>With <see cref="ReplayFile"/>: answer from it only (the default), record into it, or use it as a cache.</summary>
    public ReplayUse ReplayUse { get; set; }

    /// <summary>As a cache: how old a recording may be and still answer.</summary>
    public TimeSpan CacheMaximumAge { get; set; } = TimeSpan.FromSeconds(Settings.Limits.DefaultCacheAgeSeconds);

    private SecretRedactor? _redactor;

    /// <summary>What takes this key out of text from the network; made once per options.</summary>
    public SecretRedactor Redactor => _redactor ??= new SecretRedactor(ApiKey.Reveal());

    /// <summary>The same settings aimed at another host, without a fallback.</summary>
    public EvolinkClientOptions WithBaseUri(Uri baseUri)
    {
        var copy = (EvolinkClientOptions)MemberwiseClone();
        copy.BaseUri = baseUri;
        copy.FallbackBaseUri = null;
        return copy;
    }
}
