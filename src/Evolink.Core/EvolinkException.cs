using System;

namespace Evolink;

/// <summary>
/// Every failure the engine reports. <see cref="Kind"/> says what kind of
/// failure it is; the message says what happened and what to do next.
/// </summary>
public class EvolinkException : Exception
{
    public EvolinkException(EvolinkErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public EvolinkErrorKind Kind { get; }

    /// <summary>What the engine learned after the error was made (e.g. why it was not retried), said after the message.</summary>
    public string? Note { get; set; }

    public override string Message => Note is null ? base.Message : base.Message + " " + Note;

    /// <summary>The gateway's request id, when a reply got that far: quote it to support.</summary>
    public string? RequestId { get; set; }

    /// <summary>How many times the request was sent before this failure was final.</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>What had arrived of a streamed reply before it failed; null when nothing was streamed.</summary>
    public ChatResponse? PartialResponse { get; set; }
}
