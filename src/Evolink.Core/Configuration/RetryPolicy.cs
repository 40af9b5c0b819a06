using System;
using Evolink.Errors;

namespace Evolink.Configuration;

/// <summary>
/// When to send a failed request again and how long to wait first.
/// Retried: 408, 429, 500, 502, 503, 504, and failures to connect or to get
/// reply headers in time. Never: other statuses, or anything once a reply
/// has started to arrive (it cannot be resumed, and it may have been charged).
/// </summary>
public sealed class RetryPolicy
{
    private readonly Random _random = new();

    /// <summary>How many times a request is sent again; the idempotency key makes each retry free of double charges.</summary>
    public int MaximumRetryCount { get; set; } = Settings.Limits.DefaultRetryCount;

    /// <summary>The first wait; each further wait doubles, with jitter.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(Settings.Limits.DefaultRetryIntervalSec);

    /// <summary>The longest wait; a gateway asking (Retry-After) for longer gets its error returned instead.</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    public static bool IsRetryable(EvolinkException error) => error switch
    {
        EvolinkApiException api => api.Retryable,
        _ => error.Kind is EvolinkErrorKind.Network or EvolinkErrorKind.Timeout,
    };

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based), or null to give up.</summary>
    public TimeSpan? DelayBefore(int retry, EvolinkException error)
    {
        if (retry > MaximumRetryCount || !IsRetryable(error))
            return null;
        if (error is EvolinkApiException { RetryAfter: { } asked })
            return asked <= MaximumRetryDelay ? asked : null;
        var exponential = RetryInterval.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, MaximumRetryDelay.TotalMilliseconds);
        double jitter;
        lock (_random)
            jitter = _random.NextDouble();
        // Half fixed, half random: spreads retries of many workers apart without ever waiting less than half.
        return TimeSpan.FromMilliseconds(capped / 2 + jitter * capped / 2);
    }
}
