using System.Collections.Generic;

namespace Evolink.Chat;

/// <summary>How a prompt or a conversation and its context become a request, in one tested place.</summary>
public static class ChatRequests
{
    /// <summary>
    /// The messages with the system prompt first: it replaces a system
    /// message the conversation starts with, or goes before it. A null model
    /// lets the client use its default.
    /// </summary>
    public static ChatRequest For(string? model, string? systemPrompt, IEnumerable<ChatMessage> messages)
    {
        var all = new List<ChatMessage>(messages);
        if (!string.IsNullOrEmpty(systemPrompt))
        {
            if (all.Count > 0 && all[0].Role == ChatRole.System)
                all[0] = ChatMessage.System(systemPrompt!);
            else
                all.Insert(0, ChatMessage.System(systemPrompt!));
        }
        return new ChatRequest { Model = model, Messages = all };
    }
}
