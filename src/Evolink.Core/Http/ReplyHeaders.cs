using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Evolink;

/// <summary>What the gateway's reply headers tell about a call.</summary>
internal static class ReplyHeaders
{
    /// <summary>The request id header, with the key taken out (a proxy may put anything there).</summary>
    public static string? RequestId(HttpResponseMessage response, SecretRedactor redactor) =>
        redactor.Redact(First(response, "x-request-id") ?? First(response, "x-oneapi-request-id"));

    /// <summary>Retry-After as seconds or an HTTP date, or retry-after-ms; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var milliseconds = First(response, "retry-after-ms");
        if (milliseconds is not null && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter?.Date is { } date)
            return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
