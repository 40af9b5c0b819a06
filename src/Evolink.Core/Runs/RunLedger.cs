using System;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Errors;

namespace Evolink.Runs;

/// <summary>
/// What a run of many requests remembers and may spend: it names each
/// request (<see cref="RequestKeys"/>), answers from the journal what an
/// earlier run answered, leaves other shards' inputs to them, keeps the
/// budget, and records each outcome the moment it is known. Any of journal,
/// budget and shard may be absent.
/// </summary>
public sealed class RunLedger : IDisposable
{
    private readonly RequestKeys _keys = new();

    public RunLedger(RunJournal? journal, RunBudget? budget, Shard? shard)
    {
        Journal = journal;
        Budget = budget;
        Shard = shard;
    }

    public RunJournal? Journal { get; }
    public RunBudget? Budget { get; }
    public Shard? Shard { get; }

    /// <summary>What to do with one input, given the exact body it would be sent with (and how: streamed or not).</summary>
    /// <param name="requestBody">The exact bytes the request would send.</param>
    /// <param name="streamed">Sent as a stream: another request on the wire.</param>
    /// <param name="position">Which input it is for, from 1.</param>
    /// <param name="followUp">A further request for inputs this shard already took (a row asked again alone): never another shard's.</param>
    public RunStep Plan(byte[] requestBody, bool streamed, long position, bool followUp = false)
    {
        // A streamed request is another body on the wire, so another request (its idempotency key must not meet the other's).
        // Keys count occurrences in order: follow-ups come from many threads at once.
        string key;
        lock (_keys)
            key = _keys.Next(requestBody, streamed);
        if (!followUp && Shard is not null && !Shard.Takes(key))
            return new RunStep(key, position, key, otherShard: true, recorded: null);
        if (Journal?.AnswerOf(key) is { } recorded)
            return new RunStep(key, position, key, otherShard: false, recorded);
        return new RunStep(key, position, Journal?.IdempotencyKeyOf(key) ?? key, otherShard: false, recorded: null);
    }

    /// <summary>Sends one planned request within the budget and records its outcome before handing it on.</summary>
    public async Task<ChatResponse> SendAsync(RunStep step, Func<CancellationToken, Task<ChatResponse>> send, CancellationToken cancellationToken)
    {
        if (Budget is not null)
            await Budget.EnsureRoomAsync(cancellationToken).ConfigureAwait(false);
        ChatResponse response;
        try
        {
            response = await send(cancellationToken).ConfigureAwait(false);
        }
        catch (EvolinkException error) when (!cancellationToken.IsCancellationRequested)
        {
            Budget?.Spend(error.PartialResponse?.Usage);
            Journal?.RecordFailure(step.Key, step.Position, step.IdempotencyKey, error);
            throw;
        }
        // A cached answer cost nothing now.
        if (!response.FromCache)
            Budget?.Spend(response.Usage);
        Journal?.RecordAnswer(step.Key, step.Position, step.IdempotencyKey, response);
        return response;
    }

    public void Dispose() => Journal?.Dispose();
}
