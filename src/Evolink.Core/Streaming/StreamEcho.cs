using System;
using Evolink.Chat;

namespace Evolink.Streaming;

/// <summary>
/// Shows a streamed reply as it arrives: each chunk's answer text goes to
/// the writer as it is (no line break per chunk), and the end adds one line
/// break if the reply did not end with one, so a prompt never starts
/// mid-line. Reasoning (reasoning_content, or a leading &lt;think&gt; block)
/// is never mixed into the answer: it goes to the reasoning writer when one
/// is given, and is dropped otherwise.
/// </summary>
public sealed class StreamEcho
{
    private readonly Action<string> _write;
    private readonly Action<string>? _writeReasoning;
    private readonly ThinkSplitter _think = new();
    private char _last = '\n';
    private bool _wroteAny;
    private bool _lastWasReasoning;

    /// <param name="write">Where the answer's text goes.</param>
    /// <param name="writeReasoning">Where reasoning goes; null drops it.</param>
    public StreamEcho(Action<string> write, Action<string>? writeReasoning = null)
    {
        _write = write;
        _writeReasoning = writeReasoning;
    }

    public void Add(ChatChunk chunk)
    {
        var (thought, text) = _think.Add(chunk.Text);
        Reason(chunk.ReasoningText);
        Reason(thought);
        Answer(text);
    }

    /// <summary>Ends the shown text, also after a failure mid-stream or Ctrl+C.</summary>
    public void Complete()
    {
        var (thought, text) = _think.Complete();
        Reason(thought);
        Answer(text);
        if (_wroteAny && _last != '\n')
            Emit(Environment.NewLine, reasoning: _lastWasReasoning);
        _wroteAny = false;
    }

    private void Reason(string? text)
    {
        if (_writeReasoning is not null && !string.IsNullOrEmpty(text))
            Emit(text!, reasoning: true);
    }

    private void Answer(string text)
    {
        if (text.Length == 0)
            return;
        // The answer starts on its own line after shown reasoning.
        if (_lastWasReasoning && _last != '\n')
            Emit(Environment.NewLine, reasoning: true);
        Emit(text, reasoning: false);
    }

    private void Emit(string text, bool reasoning)
    {
        (reasoning ? _writeReasoning! : _write)(text);
        _last = text[text.Length - 1];
        _wroteAny = true;
        _lastWasReasoning = reasoning;
    }
}
