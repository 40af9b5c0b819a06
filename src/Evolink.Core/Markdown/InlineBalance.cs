using System.Text;

namespace Evolink.Markdown;

/// <summary>
/// Where an unfinished line's text can be rendered up to: its last space
/// before which no code span, link or emphasis is still open. Kept across
/// the pieces of one line, so each character is looked at once.
/// </summary>
internal struct InlineBalance
{
    private int _at;
    private int _safe;
    private int _codeRun;
    private int _brackets;
    private int _parens;
    private int _stars;
    private int _underscores;
    private int _tildes;

    /// <summary>Scans <paramref name="line"/> on from where the last call stopped, up to <paramref name="end"/>; returns the safe end so far (an index into the line, at least <paramref name="start"/>).</summary>
    public int Scan(StringBuilder line, int start, int end)
    {
        if (_at < start)
        {
            _at = start;
            _safe = start;
        }
        while (_at < end)
        {
            var c = line[_at];
            // A backslash, a delimiter run or a backtick run at the end may go on in the next piece: it waits.
            var run = 1;
            if (c is '*' or '_' or '~' or '`')
            {
                while (_at + run < end && line[_at + run] == c)
                    run++;
                if (_at + run == end)
                    break;
            }
            else if (c == ']' && _at + 1 >= end)
            {
                // Whether a link's target follows is known only with the next character.
                break;
            }
            else if (c == '\\')
            {
                if (_at + 1 >= end)
                    break;
                _at += 2;
                continue;
            }
            Step(line, c, run, start);
            _at += run;
        }
        return _safe;
    }

    private void Step(StringBuilder line, char c, int run, int start)
    {
        if (c == '`')
        {
            _codeRun = _codeRun == 0 ? run : _codeRun == run ? 0 : _codeRun;
            return;
        }
        if (_codeRun > 0)
            return;
        switch (c)
        {
            case '[':
                _brackets++;
                break;
            case ']':
                if (_brackets > 0)
                    _brackets--;
                if (_at + 1 < line.Length && line[_at + 1] == '(')
                    _parens++;
                break;
            case ')':
                if (_parens > 0)
                    _parens--;
                break;
            case '*' or '_' or '~':
                // A run of one delimiter opens or closes one emphasis; with whitespace on both sides it is plain text,
                // and an underscore run inside a word (snake_case) is none.
                var before = _at == start || char.IsWhiteSpace(line[_at - 1]);
                var after = _at + run < line.Length && char.IsWhiteSpace(line[_at + run]);
                var intraword = _at > start && _at + run < line.Length && char.IsLetterOrDigit(line[_at - 1]) && char.IsLetterOrDigit(line[_at + run]);
                if (before && after || c == '_' && intraword)
                    break;
                if (c == '*')
                    _stars++;
                else if (c == '_')
                    _underscores++;
                else
                    _tildes++;
                break;
            case ' ' or '\t' when _brackets == 0 && _parens == 0 && _stars % 2 == 0 && _underscores % 2 == 0 && _tildes % 2 == 0:
                _safe = _at + 1;
                break;
        }
    }
}
