using System.Collections.Generic;

namespace Evolink.Chat;

/// <summary>How the cmdlets turn a prompt and its context into a request, in one tested place.</summary>
public static class ChatRequests
{
    /// <summary>
    /// System prompt first (unless the history already starts with one),
    /// then the history, then the prompt as the last user message.
    /// </summary>
    public static ChatRequest ForPrompt(string? model, string? systemPrompt, IEnumerable<ChatMessage> history, string? prompt)
    {
        var request = new ChatRequest { Model = model };
        var messages = new List<ChatMessage>(history);
        if (!string.IsNullOrEmpty(systemPrompt))
        {
            if (messages.Count > 0 && messages[0].Role == ChatRole.System)
                messages[0] = ChatMessage.System(systemPrompt!);
            else
                messages.Insert(0, ChatMessage.System(systemPrompt!));
        }
        if (!string.IsNullOrEmpty(prompt))
            messages.Add(ChatMessage.User(prompt!));
        request.Messages = messages;
        return request;
    }
}
