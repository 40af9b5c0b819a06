using System;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink;

/// <summary>
/// A pause every request of one client honours: when the gateway rate-limits
/// one request, the others wait too instead of hammering on.
/// </summary>
internal sealed class SharedBackoff
{
    private long _resumeAtUtcTicks;

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
