using System;
using System.Threading.Tasks;

namespace FakeEvolink;

/// <summary>How the fake writes a streamed reply: wire details and faults.</summary>
public sealed class StreamPlan
{
    public static readonly StreamPlan Default = new();

    public string LineEnding { get; init; } = "\n";

    /// <summary>Write and flush one byte at a time.</summary>
    public bool OneBytePerWrite { get; init; }

    /// <summary>A ": keep-alive" comment before every event.</summary>
    public bool KeepAlives { get; init; }

    /// <summary>"data:{…}" instead of "data: {…}".</summary>
    public bool NoSpaceAfterColon { get; init; }

    /// <summary>Each chunk's JSON spread over two data: lines.</summary>
    public bool SplitDataLines { get; init; }

    /// <summary>A UTF-8 byte order mark before the first event.</summary>
    public bool ByteOrderMark { get; init; }

    /// <summary>Tool-call fragments without "index", as some Gemini backends send them.</summary>
    public bool OmitToolIndex { get; init; }

    /// <summary>How many characters of text or arguments go in one chunk.</summary>
    public int PieceLength { get; init; } = 4;

    /// <summary>A pause before every chunk.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>After this many chunks, end the body cleanly without [DONE].</summary>
    public int? CloseAfter { get; init; }

    /// <summary>After this many chunks, reset the connection.</summary>
    public int? ResetAfter { get; init; }

    /// <summary>After this many chunks, send an error object inside a data: line (HTTP stays 200).</summary>
    public int? ErrorAfter { get; init; }

    /// <summary>Send the error as an "event: error" event instead.</summary>
    public bool ErrorAsEvent { get; init; }

    /// <summary>After this many chunks, send nothing for <see cref="StallFor"/>.</summary>
    public int? StallAfter { get; init; }

    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many chunks, send an event whose JSON is broken.</summary>
    public int? MalformedAfter { get; init; }

    /// <summary>Called before chunk i is written; a test can hold the stream there.</summary>
    public Func<int, Task>? BeforeChunk { get; init; }

    /// <summary>Leave out the final "data: [DONE]".</summary>
    public bool OmitDone { get; init; }
}
