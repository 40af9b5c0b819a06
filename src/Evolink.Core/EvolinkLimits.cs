namespace Evolink;

/// <summary>
/// The allowed ranges and defaults of every setting, in one place: the
/// cmdlets' validation attributes, the configuration file's check and the
/// client's defaults all read them from here.
/// </summary>
public static class EvolinkLimits
{
    public const int MinimumRetryCount = 0;
    public const int MaximumRetryCount = 10;
    public const int DefaultRetryCount = 3;

    public const double MinimumRetryIntervalSec = 0.0;
    public const double MaximumRetryIntervalSec = 600.0;
    public const double DefaultRetryIntervalSec = 1.0;

    /// <summary>Timeouts in seconds, 0 meaning none; the top is what a .NET timer can wait (about 24 days).</summary>
    public const int MinimumTimeoutSeconds = 0;
    public const int MaximumTimeoutSeconds = 2_000_000;

    /// <summary>Long enough for a thinking model's whole non-streamed answer.</summary>
    public const int DefaultConnectionTimeoutSeconds = 300;
    public const int DefaultOperationTimeoutSeconds = 120;

    /// <summary>A server that never answers holds a call 10 minutes at most, retries included.</summary>
    public const int DefaultTotalTimeoutSeconds = 600;

    public const int MinimumReplyMegabytes = 1;
    public const int MaximumReplyMegabytes = 4096;
    public const int DefaultMaxReplyMegabytes = 64;

    /// <summary>An error body is read this far for its message; the rest is never downloaded.</summary>
    public const int ErrorBodyBytes = 64 * 1024;

    /// <summary>A streamed choice may have at most this many tool calls; an index past them is a broken reply.</summary>
    public const int MaximumToolCallsPerChoice = 128;

    /// <summary>The most choices (the API's n) a reply may carry.</summary>
    public const int MaximumChoices = 128;

    /// <summary>A Retry-After longer than this is read as this (the retry policy refuses to wait that long anyway).</summary>
    public const int MaximumRetryAfterSeconds = 86_400;

    /// <summary>The HTTP versions a caller may ask for.</summary>
    public static readonly string[] HttpVersions = { "1.1", "2.0" };

    public static bool IsHttpVersion(string text) => System.Array.IndexOf(HttpVersions, text) >= 0;
}
