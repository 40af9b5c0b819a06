using System;
using System.Runtime.CompilerServices;
using System.Text;
using Evolink.Serialization;

namespace Evolink.Chat;

/// <summary>
/// Separates a leading &lt;think&gt;…&lt;/think&gt; block (how some models,
/// MiniMax and some DeepSeek deployments among them, put their reasoning
/// inside the content) from the answer, whole or piece by piece as a stream
/// arrives, with tags split across pieces. Only a block at the very start
/// (after white space) counts; text before it means there is none. A block
/// that never closes is all reasoning (the reply was cut while thinking).
/// White space right after the block is not part of the answer.
/// </summary>
public sealed class ThinkSplitter
{
    public const string Open = "<think>";
    public const string Close = "</think>";

    private enum State { Start, Thinking, AfterThinking, Answer }

    private readonly StringBuilder _held = new();
    private State _state = State.Start;

    /// <summary>The (reasoning, answer) of a whole content.</summary>
    public static (string? Reasoning, string Text) Split(string? content)
    {
        if (string.IsNullOrEmpty(content) || content!.IndexOf(Open, StringComparison.Ordinal) < 0)
            return (null, content ?? string.Empty);
        var splitter = new ThinkSplitter();
        var (r1, t1) = splitter.Add(content);
        var (r2, t2) = splitter.Complete();
        var reasoning = r1 + r2;
        return (splitter.FoundBlock ? reasoning : null, t1 + t2);
    }

    /// <summary>True once a leading block has begun.</summary>
    public bool FoundBlock { get; private set; }

    /// <summary>What this piece adds to the reasoning and to the answer (either may be empty; some text may be held back until the next piece).</summary>
    [MethodImpl(HotPath.Optimized)]
    public (string Reasoning, string Text) Add(string? piece)
    {
        if (string.IsNullOrEmpty(piece))
            return (string.Empty, string.Empty);
        switch (_state)
        {
            case State.Answer:
                return (string.Empty, piece!);
            case State.AfterThinking:
                return (string.Empty, AfterBlock(piece!));
            case State.Thinking:
                _held.Append(piece);
                return InsideBlock();
            default:
                _held.Append(piece);
                var start = _held.ToString().TrimStart();
                if (start.Length < Open.Length && Open.StartsWith(start, StringComparison.Ordinal))
                    return (string.Empty, string.Empty);
                if (start.StartsWith(Open, StringComparison.Ordinal))
                {
                    FoundBlock = true;
                    _state = State.Thinking;
                    _held.Clear().Append(start.Substring(Open.Length));
                    return InsideBlock();
                }
                _state = State.Answer;
                var all = _held.ToString();
                _held.Clear();
                return (string.Empty, all);
        }
    }

    /// <summary>What was held back, at the end of the content.</summary>
    public (string Reasoning, string Text) Complete()
    {
        var held = _held.ToString();
        _held.Clear();
        return _state switch
        {
            State.Thinking => (held, string.Empty),
            State.Start => (string.Empty, held),
            _ => (string.Empty, string.Empty),
        };
    }

    private (string Reasoning, string Text) InsideBlock()
    {
        var text = _held.ToString();
        var close = text.IndexOf(Close, StringComparison.Ordinal);
        if (close >= 0)
        {
            _held.Clear();
            _state = State.AfterThinking;
            return (text.Substring(0, close), AfterBlock(text.Substring(close + Close.Length)));
        }
        // Hold back an ending that may be the start of "</think>".
        var keep = 0;
        for (var length = Math.Min(Close.Length - 1, text.Length); length > 0; length--)
        {
            if (string.CompareOrdinal(text, text.Length - length, Close, 0, length) == 0)
            {
                keep = length;
                break;
            }
        }
        _held.Clear().Append(text, text.Length - keep, keep);
        return (text.Substring(0, text.Length - keep), string.Empty);
    }

    private string AfterBlock(string piece)
    {
        var trimmed = piece.TrimStart();
        if (trimmed.Length > 0)
            _state = State.Answer;
        return trimmed;
    }
}
