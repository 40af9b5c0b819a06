using Evolink.Chat;
using Evolink.Errors;

namespace Evolink.Runs;

/// <summary>One input's outcome as a journal recorded it: an answer or a failure, at its place in the inputs.</summary>
public sealed class JournalOutcome
{
    internal JournalOutcome(string key, long position, byte[] line, ChatResponse? response, EvolinkException? error)
    {
        Key = key;
        Position = position;
        Line = line;
        Response = response;
        Error = error;
    }

    /// <summary>The request's key (custom_id).</summary>
    public string Key { get; }

    /// <summary>The input's place in the run, from 1.</summary>
    public long Position { get; }

    /// <summary>The journal line, as recorded.</summary>
    internal byte[] Line { get; }

    public ChatResponse? Response { get; }

    public EvolinkException? Error { get; }
}
