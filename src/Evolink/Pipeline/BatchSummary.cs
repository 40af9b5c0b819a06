using System;
using System.Globalization;

namespace Evolink.Commands;

/// <summary>How a batch of piped inputs went, as the information record at its end carries it (6&gt;&amp;1, or -InformationVariable).</summary>
public sealed class BatchSummary
{
    internal BatchSummary(int answered, int failed, long tokens, TimeSpan elapsed)
    {
        Answered = answered;
        Failed = failed;
        Tokens = tokens;
        Elapsed = elapsed;
    }

    public int Answered { get; }
    public int Failed { get; }

    /// <summary>Tokens the gateway reported for the answered inputs.</summary>
    public long Tokens { get; }

    public TimeSpan Elapsed { get; }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0} answered, {1} failed, {2:N0} tokens, in {3:0.0} s", Answered, Failed, Tokens, Elapsed.TotalSeconds);
}
