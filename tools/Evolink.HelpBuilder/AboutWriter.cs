using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Evolink.HelpBuilder;

/// <summary>
/// Turns about_Evolink.md into the plain-text about_Evolink.help.txt that
/// Get-Help about_Evolink shows: headings in capitals, prose wrapped and
/// indented, code kept as it is.
/// </summary>
public static class AboutWriter
{
    private const int Width = 80;

    public static string Write(string markdown)
    {
        var text = new StringBuilder();
        var paragraph = new List<string>();
        var inCode = false;
        void FlushParagraph()
        {
            if (paragraph.Count == 0)
                return;
            const string indent = "    ";
            foreach (var line in Wrap(string.Join(" ", paragraph.Select(l => l.Trim())), Width - indent.Length))
                text.Append(indent).Append(line).Append('\n');
            text.Append('\n');
            paragraph.Clear();
        }
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                FlushParagraph();
                inCode = !inCode;
                if (!inCode)
                    text.Append('\n');
                continue;
            }
            if (inCode)
            {
                text.Append("        ").Append(raw).Append('\n');
                continue;
            }
            if (raw.StartsWith("#", StringComparison.Ordinal))
            {
                FlushParagraph();
                var heading = raw.TrimStart('#').Trim();
                text.Append(raw.StartsWith("# ", StringComparison.Ordinal) ? heading : heading.ToUpperInvariant()).Append("\n\n");
                continue;
            }
            if (raw.Trim().Length == 0 || raw.StartsWith("- ", StringComparison.Ordinal))
                FlushParagraph();
            if (raw.Trim().Length > 0)
                paragraph.Add(raw.Replace("`", string.Empty));
        }
        FlushParagraph();
        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0)
            yield return line.ToString();
    }
}
