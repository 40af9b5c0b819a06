using System.Collections.Generic;
using System.Linq;
using Evolink.Chat;

namespace Evolink.Commands;

/// <summary>How a message reads in a table: its text, the images it carries, the tool calls it makes or answers; safe for the screen.</summary>
public static class MessageView
{
    public static string Render(ChatMessage message)
    {
        var parts = new List<string>();
        if (message.ToolCallId is not null)
            parts.Add($"(answers {message.ToolCallId})");
        if (message.Content?.Parts is { } contentParts)
            parts.AddRange(contentParts.Select(p => p.ToString()));
        else if (message.Content?.Text is { Length: > 0 } text)
            parts.Add(text);
        foreach (var call in message.ToolCalls ?? new List<ToolCall>())
            parts.Add($"-> {call}");
        return ScreenText.Safe(string.Join(" ", parts.Where(p => p.Length > 0)));
    }
}
