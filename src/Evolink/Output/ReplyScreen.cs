using System.Management.Automation.Host;
using Evolink.Markdown;

namespace Evolink.Commands;

/// <summary>One reply's text on the console as it streams: its Markdown rendered line by line (see <see cref="MarkdownAnsi"/>), or as written.</summary>
internal sealed class ReplyScreen
{
    private readonly PSHostUserInterface _ui;
    private readonly MarkdownLines? _markdown;

    public ReplyScreen(PSHostUserInterface ui, bool markdown)
    {
        _ui = ui;
        _markdown = markdown ? new MarkdownLines() : null;
    }

    public void Write(string text)
    {
        var shown = _markdown is null ? ScreenText.Safe(text) : MarkdownAnsi.Of(_markdown.Add(text));
        if (shown.Length > 0)
            _ui.Write(shown);
    }

    /// <summary>The reply has ended (or stopped): what the renderer held back of its last line.</summary>
    public void End()
    {
        if (_markdown is null)
            return;
        var rest = MarkdownAnsi.Of(_markdown.Finish());
        if (rest.Length > 0)
            _ui.Write(rest);
    }
}
