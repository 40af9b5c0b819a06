using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using Evolink.Configuration;
using Evolink.Credentials;

namespace Evolink.Transport;

/// <summary>What the gateway's reply headers tell about a call.</summary>
internal static class ReplyHeaders
{
    /// <summary>A Retry-After longer than this is read as this (the retry policy refuses to wait that long anyway).</summary>
    private const int MaximumRetryAfterSeconds = 86_400;

    /// <summary>The request id header, with the key taken out (a proxy may put anything there).</summary>
    public static string? RequestId(HttpResponseMessage response, SecretRedactor redactor) =>
        redactor.Redact(First(response, "x-request-id") ?? First(response, "x-oneapi-request-id"));

    /// <summary>Whether the gateway replayed the reply it kept for the request's idempotency key (idempotency-replayed: true).</summary>
    public static bool Replayed(HttpResponseMessage response) =>
        string.Equals(First(response, "idempotency-replayed")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the reply came from a replay file used as a cache.</summary>
    public static bool Cached(HttpResponseMessage response) => First(response, Replay.ResponseStore.CachedHeader) is not null;

    /// <summary>Retry-After as seconds or an HTTP date, or retry-after-ms; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var milliseconds = First(response, "retry-after-ms");
        if (milliseconds is not null && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && !double.IsNaN(ms))
            return TimeSpan.FromMilliseconds(Math.Min(ms, MaximumRetryAfterSeconds * 1000.0));
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
            return Clamp(delta);
        if (retryAfter?.Date is { } date)
            return Clamp(date - now);
        return null;
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromSeconds(MaximumRetryAfterSeconds) ? TimeSpan.FromSeconds(MaximumRetryAfterSeconds) : wait;

    /// <summary>
    /// A header's first value as it came. On .NET 10 it is read without HttpClient's parsing, which would make and
    /// keep a parsed copy of each header looked at, on every reply; these headers are only compared or shown.
    /// </summary>
    private static string? First(HttpResponseMessage response, string name)
    {
#if NET
        if (!response.Headers.NonValidated.TryGetValues(name, out var raw))
            return null;
        foreach (var value in raw)
            return value;
        return null;
#else
        return response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
#endif
    }
}
