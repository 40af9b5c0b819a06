using System;
using System.Collections.Generic;
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
    private string? _fence;
    private bool _started;
    private bool _whole;
    private MarkdownStyle _style;
    private int _contentStart;
    private int _givenRendered;
    private int _givenRaw;
    private bool _plain;

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
        return _out.ToArray();
    }

    /// <summary>The text has ended: what was held back of the last line.</summary>
    public IReadOnlyList<StyledText> Finish()
    {
        _out.Clear();
        if (_line.Length > 0)
            Progress(complete: true);
        Reset();
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
        _out.Add(new StyledText("\n", MarkdownStyle.None));
        Reset();
    }

    private void Reset()
    {
        _line.Clear();
        _started = false;
        _whole = false;
        _style = MarkdownStyle.None;
        _contentStart = 0;
        _givenRendered = 0;
        _givenRaw = 0;
        _plain = false;
    }

    private void Progress(bool complete)
    {
        var line = _line.ToString();
        if (!_started && !Start(line, complete))
            return;
        if (_whole)
        {
            if (complete)
                Whole(line);
            return;
        }
        var content = line.Substring(_contentStart);
        if (_plain || _style.HasFlag(MarkdownStyle.CodeBlock) || content.Length > LongLine)
        {
            _plain = true;
            if (content.Length > _givenRaw)
                _out.Add(new StyledText(content.Substring(_givenRaw), _style));
            _givenRaw = content.Length;
            return;
        }
        var end = complete ? content.Length : SafeEnd(content);
        if (end <= _givenRaw)
            return;
        var rendered = new List<StyledText>();
        InlineMarkdown.Render(content.Substring(0, end), _style, rendered);
        GiveFrom(rendered);
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
        // Most lines are prose: one that starts with a letter is a paragraph, with no rule to try.
        var first = FirstNonBlank(line);
        if (first >= 0 && char.IsLetter(line[first]))
        {
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
            _out.Add(new StyledText("│ ", MarkdownStyle.Quote));
        }
        else if ((m = Bullet.Match(line)).Success)
        {
            _contentStart = m.Length;
            var task = m.Groups[3].Value.Trim();
            var mark = task.Length == 0 ? "• " : task == "[ ]" ? "☐ " : "☑ ";
            _out.Add(new StyledText(m.Groups[1].Value + mark, MarkdownStyle.Marker));
        }
        else if ((m = Numbered.Match(line)).Success)
        {
            _contentStart = m.Length;
            _out.Add(new StyledText(m.Groups[1].Value + m.Groups[2].Value + ". ", MarkdownStyle.Marker));
        }
        return true;
    }

    private static int FirstNonBlank(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != ' ' && line[i] != '\t')
                return i;
        }
        return -1;
    }

    /// <summary>A fence, a rule or a table row, drawn when the line has ended.</summary>
    private void Whole(string line)
    {
        var fence = Fence.Match(line);
        if (_fence is not null && fence.Success)
        {
            _fence = null;
            _out.Add(new StyledText(new string('─', RuleWidth), MarkdownStyle.Fence));
            return;
        }
        if (_fence is null && fence.Success)
        {
            _fence = fence.Groups[1].Value;
            var language = fence.Groups[2].Value;
            _out.Add(new StyledText(language.Length == 0 ? new string('─', RuleWidth) : "── " + language + " " + new string('─', Math.Max(3, RuleWidth - language.Length - 4)), MarkdownStyle.Fence));
            return;
        }
        if (Break.IsMatch(line))
        {
            _out.Add(new StyledText(new string('─', RuleWidth), MarkdownStyle.Rule));
            return;
        }
        if (TableDelimiter.IsMatch(line))
        {
            _out.Add(new StyledText(Regex.Replace(line.Trim(), "[-:]", "─").Replace('|', '┼'), MarkdownStyle.Marker));
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
                _out.Add(new StyledText("│", MarkdownStyle.Marker));
                continue;
            }
            if (i == last && empty)
                continue;
            InlineMarkdown.Render(cells[i], MarkdownStyle.None, _out);
            if (i < last)
                _out.Add(new StyledText("│", MarkdownStyle.Marker));
        }
    }

    /// <summary>Gives out the rendered text beyond what this line already gave.</summary>
    private void GiveFrom(List<StyledText> rendered)
    {
        var seen = 0;
        foreach (var piece in rendered)
        {
            var start = Math.Max(0, _givenRendered - seen);
            if (start < piece.Text.Length)
                _out.Add(start == 0 ? piece : new StyledText(piece.Text.Substring(start), piece.Style));
            seen += piece.Text.Length;
        }
        _givenRendered = Math.Max(_givenRendered, seen);
    }

    /// <summary>
    /// How much of an unfinished line's text can be rendered now: up to its last space before which no code span,
    /// link or emphasis is still open. What follows waits for more text (at most the rest of the line).
    /// </summary>
    internal static int SafeEnd(string content)
    {
        var safe = 0;
        var codeRun = 0;
        var brackets = 0;
        var parens = 0;
        var stars = 0;
        var underscores = 0;
        var tildes = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (c == '`')
            {
                var run = 1;
                while (i + run < content.Length && content[i + run] == '`')
                    run++;
                codeRun = codeRun == 0 ? run : codeRun == run ? 0 : codeRun;
                i += run - 1;
                continue;
            }
            if (codeRun > 0)
                continue;
            switch (c)
            {
                case '[':
                    brackets++;
                    break;
                case ']':
                    if (brackets > 0)
                        brackets--;
                    if (i + 1 < content.Length && content[i + 1] == '(')
                    {
                        parens++;
                        i++;
                    }
                    break;
                case ')':
                    if (parens > 0)
                        parens--;
                    break;
                case '*' or '_' or '~':
                    // A run of one delimiter opens or closes one emphasis: count runs, not characters.
                    var end = i;
                    while (end + 1 < content.Length && content[end + 1] == c)
                        end++;
                    if (Flanking(content, i, end) && !(c == '_' && Intraword(content, i, end)))
                    {
                        if (c == '*')
                            stars++;
                        else if (c == '_')
                            underscores++;
                        else
                            tildes++;
                    }
                    i = end;
                    break;
                case ' ' or '\t' when brackets == 0 && parens == 0 && stars % 2 == 0 && underscores % 2 == 0 && tildes % 2 == 0:
                    safe = i + 1;
                    break;
            }
        }
        return safe;
    }

    /// <summary>A delimiter run with whitespace on both sides is plain text, not emphasis; one at the end of the text so far may still open one.</summary>
    private static bool Flanking(string s, int start, int end)
    {
        var before = start == 0 || char.IsWhiteSpace(s[start - 1]);
        var after = end + 1 < s.Length && char.IsWhiteSpace(s[end + 1]);
        return !(before && after);
    }

    /// <summary>An underscore run inside a word (snake_case) is no emphasis.</summary>
    private static bool Intraword(string s, int start, int end) =>
        start > 0 && end + 1 < s.Length && char.IsLetterOrDigit(s[start - 1]) && char.IsLetterOrDigit(s[end + 1]);
}
