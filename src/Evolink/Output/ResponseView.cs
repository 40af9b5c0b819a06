using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Evolink.Chat;

namespace Evolink.Commands;

/// <summary>
/// How a reply reads wherever it is shown or written: its text, exactly one
/// line per line of text (the view is out of band, so no blank lines frame it
/// in a file or at the console). What the module adds for that: the input the
/// reply answers, whether it was streamed, and the command line whose console
/// already showed its text live (note properties), and a one-line summary (a
/// code property, Evolink.Types.ps1xml, worked out only when something reads it).
/// </summary>
public static class ResponseView
{
    /// <summary>
    /// The reply as it goes down the pipeline. <paramref name="shownInHistoryId"/>: the command line
    /// (its history id) whose console already showed the text as it streamed, when the reply goes
    /// straight there; the view then shows the summary instead of the text again.
    /// </summary>
    /// <param name="response">The reply.</param>
    /// <param name="input">The input it answers.</param>
    /// <param name="streamed">Whether it was streamed.</param>
    /// <param name="shownInHistoryId">The command line whose console showed the text live, if any.</param>
    /// <param name="markdownInHistoryId">The command line whose console shows the text with its Markdown rendered, if any (see <see cref="MarkdownAnsi"/>).</param>
    internal static PSObject ForPipeline(ChatResponse response, object? input, bool streamed, long? shownInHistoryId, long? markdownInHistoryId = null)
    {
        var output = PSObject.AsPSObject(response);
        output.Properties.Add(new PSNoteProperty("Input", input));
        output.Properties.Add(new PSNoteProperty("Streamed", streamed));
        output.Properties.Add(new PSNoteProperty("ShownInHistoryId", shownInHistoryId));
        if (markdownInHistoryId is not null)
            output.Properties.Add(new PSNoteProperty("MarkdownInHistoryId", markdownInHistoryId));
        return output;
    }

    /// <summary>
    /// What the default view shows in the command line <paramref name="historyId"/>: the summary when that
    /// line's console already showed the text live; otherwise the text (each choice's, when there are
    /// several), or the tool calls a reply made instead of text. Network text is made safe for the screen.
    /// </summary>
    public static string Render(PSObject instance, long historyId)
    {
        if (instance.BaseObject is not ChatResponse response)
            return string.Empty;
        if (instance.Properties["ShownInHistoryId"]?.Value is long shownIn && shownIn == historyId)
            return Summary(instance);
        if (response.Choices.Count <= 1)
        {
            var body = Body(response.Text, response.Choices.FirstOrDefault()?.Message);
            // Rendered only in the command line whose output the command knew goes straight to a console that shows it.
            if (instance.Properties["MarkdownInHistoryId"]?.Value is long renderIn && renderIn == historyId)
                return MarkdownAnsi.Of(Evolink.Markdown.MarkdownLines.Render(body));
            return ScreenText.Safe(body);
        }
        var lines = new List<string>();
        foreach (var choice in response.Choices)
        {
            lines.Add($"[choice {choice.Index + 1} of {response.Choices.Count}]");
            lines.Add(ScreenText.Safe(Body(ThinkSplitter.Split(choice.Message?.Content?.ToString()).Text, choice.Message)));
        }
        return string.Join("\n", lines);
    }

    /// <summary>A message's text, or when it has none, the tool calls it makes, one a line: Open-Ticket {"title":"VPN down"}.</summary>
    private static string Body(string text, ChatMessage? message)
    {
        if (text.Length > 0 || message?.ToolCalls is not { Count: > 0 } calls)
            return text;
        return string.Join("\n", calls.Select(call => ScreenText.OneLine($"{call.Function?.Name} {call.Function?.Arguments}".Trim())));
    }

    /// <summary>One line about the reply: model, finish reason, tokens, request id.</summary>
    public static string Summary(PSObject instance)
    {
        if (instance.BaseObject is not ChatResponse response)
            return string.Empty;
        // Plain ASCII: Windows PowerShell 5.1 consoles do not all render a middle dot.
        var model = response.Model ?? "unknown model";
        if (response.RequestedModel is not null && response.Model is not null
            && !string.Equals(response.RequestedModel, response.Model, System.StringComparison.OrdinalIgnoreCase))
            model = $"{response.RequestedModel} -> {response.Model}";
        var parts = new List<string> { model, response.FinishReason ?? "unfinished" };
        if (response.Usage?.TotalTokens is not null)
            parts.Add(response.Usage.ToString());
        if (response.RequestId is not null)
            parts.Add($"request {response.RequestId}");
        if (response.Choices.Count > 1)
            parts.Add($"{response.Choices.Count} choices, all in .Choices");
        return ScreenText.OneLine("[" + string.Join(" | ", parts) + "]");
    }
}
