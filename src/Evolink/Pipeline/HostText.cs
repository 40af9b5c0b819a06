using System;
using System.Collections.Generic;
using System.Text;
using Evolink.Chat;
using Evolink.Streaming;

namespace Evolink.Commands;

/// <summary>
/// A streamed reply's text on its way to the host. The thread reading the
/// stream adds each chunk (the echo splits answer from reasoning there) and
/// the text gathers here; the pipeline thread writes what has gathered in
/// one call per run of plain or dimmed text (reasoning), in the order it
/// arrived, woken at most every <see cref="Gap"/>. Nothing but the text crosses between the threads, so a fast
/// stream keeps no chunk objects alive while they wait for the host.
/// </summary>
internal sealed class HostText
{
    /// <summary>How often streamed text is written to the host at most: faster than a screen refreshes, slow enough to write a fast stream in bursts.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(8);

    private readonly object _gate = new();
    private readonly StringBuilder _open = new();
    private readonly List<(string Text, bool Dimmed)> _closed = new();
    private readonly Action<string> _write;
    private readonly Action<string>? _writeDimmed;
    private readonly Action? _ended;
    private readonly StreamEcho _echo;
    private readonly BurstSignal _shown;
    private bool _openDimmed;

    /// <param name="write">Writes plain text to the host.</param>
    /// <param name="writeDimmed">Writes reasoning to the host; null leaves reasoning out.</param>
    /// <param name="post">Queues work for the pipeline thread, where each burst is written.</param>
    /// <param name="ended">Runs on the pipeline thread once the last text is written (a renderer shows what it held back).</param>
    public HostText(Action<string> write, Action<string>? writeDimmed, Action<Action> post, Action? ended = null)
    {
        _write = write;
        _ended = ended;
        _writeDimmed = writeDimmed;
        _shown = new BurstSignal(post, Flush, Gap);
        _echo = new StreamEcho(text => Gather(text, dimmed: false), writeDimmed is null ? null : text => Gather(text, dimmed: true));
    }

    /// <summary>From the thread reading the stream: the chunk's text waits for the next write.</summary>
    public void Add(ChatChunk chunk)
    {
        lock (_gate)
            _echo.Add(chunk);
        _shown.Signal();
    }

    /// <summary>On the pipeline thread, at each burst: writes what has gathered.</summary>
    private void Flush() => Flush(final: false);

    private void Flush(bool final)
    {
        (string Text, bool Dimmed)[] runs;
        lock (_gate)
        {
            // A carriage return at the end waits for what follows: only as half of CRLF is it shown as a line break.
            var heldBack = !final && _open.Length > 0 && _open[_open.Length - 1] == '\r';
            if (heldBack)
                _open.Length--;
            Close();
            if (heldBack)
                _open.Append('\r');
            if (_closed.Count == 0)
                return;
            runs = _closed.ToArray();
            _closed.Clear();
        }
        foreach (var (text, dimmed) in runs)
            (dimmed ? _writeDimmed! : _write)(text);
    }

    /// <summary>On the pipeline thread when the reply has ended, failed or been stopped: what arrived is written and the line ended.</summary>
    public void Complete()
    {
        lock (_gate)
            _echo.Complete();
        Flush(final: true);
        _ended?.Invoke();
    }

    private void Gather(string text, bool dimmed)
    {
        if (dimmed != _openDimmed)
            Close();
        _openDimmed = dimmed;
        _open.Append(text);
    }

    private void Close()
    {
        if (_open.Length == 0)
            return;
        _closed.Add((_open.ToString(), _openDimmed));
        _open.Clear();
    }
}
