using System;
using System.Text;

namespace Evolink.Commands;

/// <summary>
/// Text for the host gathered during a burst of chunks and written in one
/// call; dimmed text (reasoning) first writes what was gathered, so the order
/// on screen is the order of arrival.
/// </summary>
internal sealed class HostText
{
    /// <summary>How often streamed text is written to the host at most: faster than a screen refreshes, slow enough to write a fast stream in bursts.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(8);

    private readonly StringBuilder _pending = new();
    private readonly Action<string> _write;
    private readonly Action<string>? _writeDimmed;

    public HostText(Action<string> write, Action<string>? writeDimmed)
    {
        _write = write;
        _writeDimmed = writeDimmed;
    }

    public void Write(string text) => _pending.Append(text);

    public void WriteDimmed(string text)
    {
        Flush();
        _writeDimmed!(text);
    }

    public void Flush()
    {
        if (_pending.Length == 0)
            return;
        _write(_pending.ToString());
        _pending.Clear();
    }

    /// <summary>A stream echo that writes through this text.</summary>
    public StreamEcho Echo() => new(Write, _writeDimmed is null ? null : WriteDimmed, Flush);
}
