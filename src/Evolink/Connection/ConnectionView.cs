using System;
using System.Text;
using Evolink.Connection;

namespace Evolink.Commands;

/// <summary>How a connection check's step reads in its table: what was seen, then what to do, wrapped at word boundaries to the width left for it.</summary>
public static class ConnectionView
{
    /// <summary>The columns before the detail (Step 9, Target 24, Result 8, ms 6, and the spaces between).</summary>
    private const int FixedColumns = 51;

    public static string Detail(ConnectionStep step, int hostWidth)
    {
        var text = step.Advice is not null && step.Result != StepResult.Passed ? step.Detail + " -> " + step.Advice : step.Detail;
        var width = Math.Max(24, (hostWidth > 0 ? hostWidth : 120) - FixedColumns - 1);
        return Wrap(ScreenText.OneLine(text), width);
    }

    /// <summary>Breaks text into lines of at most <paramref name="width"/> characters at spaces; a word longer than a line is cut.</summary>
    public static string Wrap(string text, int width)
    {
        var lines = new StringBuilder(text.Length + 16);
        var line = 0;
        foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            if (line > 0 && line + 1 + rest.Length > width)
            {
                lines.Append('\n');
                line = 0;
            }
            while (rest.Length > width)
            {
                if (line > 0)
                    lines.Append('\n');
                lines.Append(rest, 0, width).Append('\n');
                rest = rest.Substring(width);
                line = 0;
            }
            if (line > 0)
            {
                lines.Append(' ');
                line++;
            }
            lines.Append(rest);
            line += rest.Length;
        }
        return lines.ToString();
    }
}
