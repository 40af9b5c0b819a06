using Evolink.Chat;

namespace Evolink.Runs;

/// <summary>One input's place in a run: its key, and whether it is sent, answered from the journal, or another shard's.</summary>
public sealed class RunStep
{
    internal RunStep(string key, long position, string idempotencyKey, bool otherShard, ChatResponse? recorded)
    {
        Key = key;
        Position = position;
        IdempotencyKey = idempotencyKey;
        OtherShard = otherShard;
        Recorded = recorded;
    }

    /// <summary>The request's key (the journal's custom_id).</summary>
    public string Key { get; }

    /// <summary>The input's place in the run, from 1.</summary>
    public long Position { get; }

    /// <summary>What the request is sent with as its Idempotency-Key.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Another shard sends this input.</summary>
    public bool OtherShard { get; }

    /// <summary>The answer an earlier run recorded: nothing is sent.</summary>
    public ChatResponse? Recorded { get; }
}
