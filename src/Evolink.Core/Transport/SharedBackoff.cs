using System;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Transport;

/// <summary>
/// A pause every request to one gateway honours, across clients and calls
/// in the process: when the gateway rate-limits one request, the others
/// (the rest of a batch, the next command) wait too instead of hammering on.
/// </summary>
internal sealed class SharedBackoff
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SharedBackoff> ByGateway = new(StringComparer.OrdinalIgnoreCase);
    private long _resumeAtUtcTicks;

    /// <summary>The back-off of the gateway at this address (scheme, host and port).</summary>
    public static SharedBackoff For(Uri baseUri) => ByGateway.GetOrAdd(baseUri.GetLeftPart(UriPartial.Authority), _ => new SharedBackoff());

    public void PauseFor(TimeSpan delay)
    {
        var resumeAt = DateTime.UtcNow.Add(delay).Ticks;
        long current;
        do
        {
            current = Interlocked.Read(ref _resumeAtUtcTicks);
            if (current >= resumeAt)
                return;
        }
        while (Interlocked.CompareExchange(ref _resumeAtUtcTicks, resumeAt, current) != current);
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var remaining = new DateTime(Interlocked.Read(ref _resumeAtUtcTicks), DateTimeKind.Utc) - DateTime.UtcNow;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, cancellationToken) : Task.CompletedTask;
    }
}
