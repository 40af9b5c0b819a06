using System;

namespace Evolink;

/// <summary>
/// Shows a streamed reply as it arrives: each chunk's text goes to the
/// writer as it is (no line break per chunk), and the end adds one line break
/// if the reply did not end with one, so a prompt never starts mid-line.
/// </summary>
public sealed class StreamEcho
{
    private readonly Action<string> _write;
    private char _last = '\n';
    private bool _wroteAny;

    public StreamEcho(Action<string> write) => _write = write;

    public void Add(ChatChunk chunk)
    {
        var text = chunk.Text;
        if (text.Length == 0)
            return;
        _write(text);
        _last = text[text.Length - 1];
        _wroteAny = true;
    }

    /// <summary>Ends the shown text, also after a failure mid-stream.</summary>
    public void Complete()
    {
        if (_wroteAny && _last != '\n')
            _write(Environment.NewLine);
        _wroteAny = false;
    }
}
