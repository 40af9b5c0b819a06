using System;
using Evolink.Chat;

namespace Evolink.Errors;

/// <summary>
/// Every failure the engine reports. <see cref="Kind"/> says what kind of
/// failure it is; the message says what happened; <see cref="Remedy"/> says what
/// the caller can change, for a host to word.
/// </summary>
public class EvolinkException : Exception
{
    public EvolinkException(EvolinkErrorKind kind, string message, Exception? innerException = null, EvolinkRemedy remedy = EvolinkRemedy.None)
        : base(message, innerException)
    {
        Kind = kind;
        Remedy = remedy;
    }

    public EvolinkErrorKind Kind { get; }

    /// <summary>What the caller can change to get past this error; the host words it as <see cref="Advice"/>.</summary>
    public EvolinkRemedy Remedy { get; }

    /// <summary>The host's advice for <see cref="Remedy"/>, in its own terms (parameter names), said last.</summary>
    public string? Advice { get; set; }

    /// <summary>What the engine learned after the error was made (e.g. why it was not retried), said after the message.</summary>
    public string? Note { get; set; }

    public override string Message => Sentences.Join(base.Message, Note, Advice);

    /// <summary>The gateway's request id, when a reply got that far: quote it to support.</summary>
    public string? RequestId { get; set; }

    /// <summary>How many times the request was sent before this failure was final.</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>What had arrived of a streamed reply before it failed; null when nothing was streamed.</summary>
    public ChatResponse? PartialResponse { get; set; }
}
