using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using Evolink.Markdown;

namespace Evolink.Commands;

/// <summary>
/// How rendered Markdown looks at a console: each style an SGR sequence this
/// module writes itself around text that was made safe for the screen first,
/// so nothing from the network can add a sequence of its own. Rendering is on
/// only where the module's colours are (HostStyle: not with NO_COLOR, not with
/// $PSStyle.OutputRendering PlainText, not into a redirected console), the host
/// understands escape sequences, and the command was not given -NoMarkdown.
/// </summary>
internal static class MarkdownAnsi
{
    private const string Reset = "\u001b[0m";

    public static bool On(PSCmdlet cmdlet, bool noMarkdown) =>
        !noMarkdown && HostStyle.Colours(cmdlet) && cmdlet.Host.UI.SupportsVirtualTerminal;

    public static string Of(IReadOnlyList<StyledText> pieces)
    {
        // A burst of plain prose is one unstyled piece: shown as it is, without another copy of it.
        if (pieces.Count == 1 && pieces[0].Style == MarkdownStyle.None)
            return ScreenText.Safe(pieces[0].Text);
        var text = new StringBuilder();
        foreach (var piece in pieces)
        {
            var safe = ScreenText.Safe(piece.Text);
            if (piece.Style == MarkdownStyle.None || safe.Length == 0)
            {
                text.Append(safe);
                continue;
            }
            text.Append(Sgr(piece.Style)).Append(safe).Append(Reset);
        }
        return text.ToString();
    }

    private static string Sgr(MarkdownStyle style)
    {
        var codes = new List<string>();
        if ((style & (MarkdownStyle.Heading | MarkdownStyle.Strong)) != 0)
            codes.Add("1");
        if ((style & (MarkdownStyle.Fence | MarkdownStyle.Rule | MarkdownStyle.LinkTarget)) != 0)
            codes.Add("2");
        if ((style & (MarkdownStyle.Emphasis | MarkdownStyle.Quote)) != 0)
            codes.Add("3");
        if ((style & MarkdownStyle.Link) != 0)
            codes.Add("4");
        if ((style & MarkdownStyle.Strike) != 0)
            codes.Add("9");
        if ((style & (MarkdownStyle.Code | MarkdownStyle.CodeBlock)) != 0)
            codes.Add("33");
        else if ((style & MarkdownStyle.Link) != 0)
            codes.Add("34");
        else if ((style & (MarkdownStyle.Heading | MarkdownStyle.Marker)) != 0)
            codes.Add("36");
        return "\u001b[" + string.Join(";", codes) + "m";
    }
}
