using System.Text;

namespace Evolink.Commands;

/// <summary>
/// The one rule for text from the network on its way to a person: nothing in
/// it may drive the terminal. Control characters that a terminal acts on (ESC
/// and the CSI, OSC, DCS, APC and PM strings it starts, BEL, backspace, a bare
/// carriage return, the C1 controls 0x80-0x9F) and the bidirectional overrides
/// and isolates that reorder what is shown are written out visibly instead:
/// C0 controls as their Unicode control pictures (ESC as U+241B), the others as
/// \uXXXX. Objects keep the exact text; only what is rendered passes here.
/// </summary>
public static class ScreenText
{
    /// <summary>
    /// For text shown as it is laid out (a reply, an error message): newline and tab keep
    /// their meaning, and a carriage return only as part of CRLF.
    /// </summary>
    public static string Safe(string? text) => Neutralize(text, keepLayout: true);

    /// <summary>
    /// For text that must stay on one line (a table cell, a tool call's arguments in a
    /// question a person answers): every control character is written out, newline included.
    /// </summary>
    public static string OneLine(string? text) => Neutralize(text, keepLayout: false);

    private static string Neutralize(string? text, bool keepLayout)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        var first = FirstUnsafe(text!, keepLayout);
        if (first < 0)
            return text!;
        var safe = new StringBuilder(text!.Length + 16);
        safe.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(text, i, keepLayout))
                safe.Append(c);
            else if (c < 0x20)
                safe.Append((char)(0x2400 + c));
            else if (c == 0x7F)
                safe.Append('\u2421');
            else
                safe.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return safe.ToString();
    }

    private static int FirstUnsafe(string text, bool keepLayout)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text, i, keepLayout))
                return i;
        }
        return -1;
    }

    private static bool IsUnsafe(string text, int at, bool keepLayout)
    {
        var c = text[at];
        if (c is '\n' or '\t')
            return !keepLayout;
        if (c == '\r')
            return !keepLayout || at + 1 >= text.Length || text[at + 1] != '\n';
        return c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
    }
}
