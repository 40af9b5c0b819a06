using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace Evolink.Markdown;

/// <summary>
/// Markdown as it streams in, rendered for a person line by line, never
/// taking back what it gave: a line's block syntax (heading marks, list
/// markers, quote bars, fences, table pipes) becomes its look as soon as the
/// line shows what it is, and its text is given out word by word, holding
/// back only an emphasis, code span or link still open. Fenced code is set
/// apart with the language's name; tables keep their rows with drawn borders.
/// Give it the whole reply at once and the result is the same.
/// </summary>
public sealed class MarkdownLines
{
    private const int RuleWidth = 40;

    /// <summary>A line longer than this is given out as plain text from there on: each piece would re-read the whole line.</summary>
    public const int LongLine = 4096;

    private static readonly Regex Heading = new(@"^ {0,3}(#{1,6})(?:[ \t]+|$)", RegexOptions.CultureInvariant);
    private static readonly Regex Quote = new(@"^ {0,3}>[ ]?", RegexOptions.CultureInvariant);
    private static readonly Regex Bullet = new(@"^([ \t]*)([-*+])[ \t]+(\[[ xX]\][ \t]+)?", RegexOptions.CultureInvariant);
    private static readonly Regex Numbered = new(@"^([ \t]*)(\d{1,9})([.)])[ \t]+", RegexOptions.CultureInvariant);
    private static readonly Regex Fence = new(@"^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)", RegexOptions.CultureInvariant);
    private static readonly Regex Break = new(@"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex TableDelimiter = new(@"^[ \t]*\|?([ \t]*:?-+:?[ \t]*\|)+([ \t]*:?-+:?[ \t]*)?$", RegexOptions.CultureInvariant);
    // A partial line that may still become any of the above: wait for more before deciding.
    private static readonly Regex Undecided = new(@"^([ \t]*|[ \t]*(#{1,6}|>|[-*+_]{1,3}|\d{1,9}[.)]?|`{1,}|~{1,}|\|.*|=+))$", RegexOptions.CultureInvariant);

    private readonly StringBuilder _line = new();
    private readonly List<StyledText> _out = new();
    // Text of one style gathers here before it becomes a piece: a reply of prose comes out as a few pieces, not one a line.
    private readonly StringBuilder _run = new();
    private readonly List<StyledText> _scratch = new();
    private MarkdownStyle _runStyle;
    private string? _fence;
    private bool _started;
    private bool _whole;
    private MarkdownStyle _style;
    private int _contentStart;
    private int _givenRaw;
    private bool _plain;
    private InlineBalance _balance;

    /// <summary>The next piece of the text; returns what can be shown of it now.</summary>
    public IReadOnlyList<StyledText> Add(string text)
    {
        _out.Clear();
        var from = 0;
        int end;
        while ((end = text.IndexOf('\n', from)) >= 0)
        {
            _line.Append(text, from, end - from);
            EndLine();
            from = end + 1;
        }
        _line.Append(text, from, text.Length - from);
        Progress(complete: false);
        EndRun();
        return _out.ToArray();
    }

    /// <summary>The text has ended: what was held back of the last line.</summary>
    public IReadOnlyList<StyledText> Finish()
    {
        _out.Clear();
        if (_line.Length > 0)
            Progress(complete: true);
        Reset();
        EndRun();
        return _out.ToArray();
    }

    /// <summary>The whole of a Markdown text, rendered at once.</summary>
    public static IReadOnlyList<StyledText> Render(string text)
    {
        var lines = new MarkdownLines();
        var all = new List<StyledText>(lines.Add(text));
        all.AddRange(lines.Finish());
        return all;
    }

    private void EndLine()
    {
        // A carriage return before the line feed is the line's end, not its text.
        if (_line.Length > 0 && _line[_line.Length - 1] == '\r')
            _line.Length--;
        Progress(complete: true);
        Emit("\n", MarkdownStyle.None);
        Reset();
    }

    private void Reset()
    {
        _line.Clear();
        _started = false;
        _whole = false;
        _style = MarkdownStyle.None;
        _contentStart = 0;
        _givenRaw = 0;
        _plain = false;
        _balance = default;
    }

    private void Progress(bool complete)
    {
        // A line held back whole (one that has not shown what it is, a table row, a fence) is held to LongLine
        // characters at most: past that it is given out as written, so no reply can keep the screen waiting.
        if ((!_started || _whole) && _line.Length > LongLine)
        {
            _started = true;
            _whole = false;
            _plain = true;
            _style = _fence is null ? MarkdownStyle.None : MarkdownStyle.CodeBlock;
        }
        if (!_started && !StartsAsProse() && !Start(_line.ToString(), complete))
            return;
        if (_whole)
        {
            if (complete)
                Whole(_line.ToString());
            return;
        }
        var length = _line.Length - _contentStart;
        if (_plain || _style.HasFlag(MarkdownStyle.CodeBlock) || length > LongLine)
        {
            _plain = true;
            if (length > _givenRaw)
                Emit(_line.ToString(_contentStart + _givenRaw, length - _givenRaw), _style);
            _givenRaw = length;
            return;
        }
        // Each character is scanned once and each piece rendered once: what was given ends where every emphasis,
        // code span and link had closed, so what follows renders the same on its own as after it.
        var end = complete ? length : _balance.Scan(_line, _contentStart, _contentStart + length) - _contentStart;
        if (end <= _givenRaw)
            return;
        if (!AppendedAsWritten(_contentStart + _givenRaw, end - _givenRaw, _style))
            Inline(_line.ToString(_contentStart + _givenRaw, end - _givenRaw), _style);
        _givenRaw = end;
    }

    /// <summary>Decides what the line is, once it shows it, and gives out its prefix; false while it cannot tell yet.</summary>
    private bool Start(string line, bool complete)
    {
        if (_fence is not null)
        {
            // Nothing yet to tell code from the closing fence.
            if (!complete && line.Trim().Length == 0)
                return false;
            var closing = Fence.Match(line);
            if (closing.Success && closing.Groups[1].Value.StartsWith(_fence, StringComparison.Ordinal) && line.Trim().Trim(_fence[0]).Length == 0)
            {
                if (!complete)
                    return false;
                _whole = true;
                _started = true;
                return true;
            }
            // Inside a fence, a line that may yet close it waits; any other is code, given out as it comes.
            if (!complete && line.TrimStart().Length > 0 && line.TrimStart()[0] == _fence[0] && line.Trim().Trim(_fence[0]).Length == 0)
                return false;
            _style = MarkdownStyle.CodeBlock;
            _started = true;
            return true;
        }
        if (!complete && Undecided.IsMatch(line))
            return false;
        _started = true;
        if (Fence.IsMatch(line) || Break.IsMatch(line) || line.TrimStart().StartsWith("|", StringComparison.Ordinal) || TableDelimiter.IsMatch(line))
        {
            // Fences, rules and table rows are short: each is drawn whole when it has ended.
            _whole = true;
            return true;
        }
        Match m;
        if ((m = Heading.Match(line)).Success)
        {
            _style = MarkdownStyle.Heading;
            _contentStart = m.Length;
        }
        else if ((m = Quote.Match(line)).Success)
        {
            _style = MarkdownStyle.Quote;
            _contentStart = m.Length;
            Emit("│ ", MarkdownStyle.Quote);
        }
        else if ((m = Bullet.Match(line)).Success)
        {
            _contentStart = m.Length;
            var task = m.Groups[3].Value.Trim();
            var mark = task.Length == 0 ? "• " : task == "[ ]" ? "☐ " : "☑ ";
            Emit(m.Groups[1].Value + mark, MarkdownStyle.Marker);
        }
        else if ((m = Numbered.Match(line)).Success)
        {
            _contentStart = m.Length;
            Emit(m.Groups[1].Value + m.Groups[2].Value + ". ", MarkdownStyle.Marker);
        }
        return true;
    }

    private void Emit(string text, MarkdownStyle style)
    {
        if (text.Length > 0)
            RunOf(style).Append(text);
    }

    /// <summary>The run that text of this style is added to: the current one, or a new one after it ends.</summary>
    private StringBuilder RunOf(MarkdownStyle style)
    {
        if (_run.Length > 0 && style != _runStyle)
            EndRun();
        _runStyle = style;
        return _run;
    }

    private void EndRun()
    {
        if (_run.Length == 0)
            return;
        _out.Add(new StyledText(_run.ToString(), _runStyle));
        _run.Clear();
    }

    private void Inline(string content, MarkdownStyle style)
    {
        if (_parserMissing)
        {
            Emit(content, style);
            return;
        }
        _scratch.Clear();
        try
        {
            InlineMarkdown.Render(content, style, _scratch);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or TypeLoadException or TypeInitializationException
                                       or MissingMethodException or MissingFieldException)
        {
            // A host without a Markdig this build can use (PowerShell 7 brings its own): the text is shown as written.
            _parserMissing = true;
            Emit(content, style);
            return;
        }
        foreach (var piece in _scratch)
            Emit(piece.Text, piece.Style);
    }

    private static bool _parserMissing;

    /// <summary>
    /// Gives out part of the line as written when it holds no inline syntax (most prose), read where it is: the same
    /// as the inline parser would give, without a copy of its own. False when it has to be parsed, and on .NET
    /// Framework, which cannot read a builder in place.
    /// </summary>
    private bool AppendedAsWritten(int start, int length, MarkdownStyle style)
    {
#if NET
        // The line is one block of memory, but for a line longer than any before it: that one is copied and parsed.
        ReadOnlyMemory<char> only = default;
        var blocks = 0;
        foreach (var chunk in _line.GetChunks())
        {
            only = chunk;
            if (++blocks > 1)
                return false;
        }
        var part = only.Span.Slice(start, length);
        if (InlineMarkdown.MayHoldSyntax(part))
            return false;
        RunOf(style).Append(part);
        return true;
#else
        return false;
#endif
    }

    /// <summary>
    /// Most lines are prose: outside a fence, one whose first character after any indent is a letter is a paragraph,
    /// with no rule to try. Read where it is, so a line of prose is not copied to find that out.
    /// </summary>
    private bool StartsAsProse()
    {
        if (_fence is not null)
            return false;
        for (var i = 0; i < _line.Length; i++)
        {
            var c = _line[i];
            if (c is ' ' or '\t')
                continue;
            _started = char.IsLetter(c);
            return _started;
        }
        return false;
    }

    /// <summary>A fence, a rule or a table row, drawn when the line has ended.</summary>
    private void Whole(string line)
    {
        var fence = Fence.Match(line);
        if (_fence is not null && fence.Success)
        {
            _fence = null;
            Emit(new string('─', RuleWidth), MarkdownStyle.Fence);
            return;
        }
        if (_fence is null && fence.Success)
        {
            _fence = fence.Groups[1].Value;
            var language = fence.Groups[2].Value;
            Emit(language.Length == 0 ? new string('─', RuleWidth) : "── " + language + " " + new string('─', Math.Max(3, RuleWidth - language.Length - 4)), MarkdownStyle.Fence);
            return;
        }
        if (Break.IsMatch(line))
        {
            Emit(new string('─', RuleWidth), MarkdownStyle.Rule);
            return;
        }
        if (TableDelimiter.IsMatch(line))
        {
            Emit(Regex.Replace(line.Trim(), "[-:]", "─").Replace('|', '┼'), MarkdownStyle.Marker);
            return;
        }
        Row(line.Trim());
    }

    /// <summary>A table row: each cell's text rendered, the pipes between them drawn.</summary>
    private void Row(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }
        cells.Add(cell.ToString());
        var last = cells.Count - 1;
        for (var i = 0; i <= last; i++)
        {
            // Pipes at the row's ends border it: the empty "cell" before the first and after the last is none.
            var empty = cells[i].Trim().Length == 0;
            if (i == 0 && empty)
            {
                Emit("│", MarkdownStyle.Marker);
                continue;
            }
            if (i == last && empty)
                continue;
            Inline(cells[i], MarkdownStyle.None);
            if (i < last)
                Emit("│", MarkdownStyle.Marker);
        }
    }
}
