using System.Collections.Generic;
using System.Linq;
using Evolink.Chat;

namespace Evolink.Core.Tests;

/// <summary>The requests the tests send, made the way a caller makes them (<see cref="ChatRequests.For"/>).</summary>
internal static class Requests
{
    /// <summary>One prompt, nothing before it.</summary>
    public static ChatRequest Prompt(string? model, string prompt) => ChatRequests.For(model, null, new[] { ChatMessage.User(prompt) });

    /// <summary>The system prompt, then the history, then the prompt as the last user message.</summary>
    public static ChatRequest Prompt(string? model, string? systemPrompt, IEnumerable<ChatMessage> history, string prompt) =>
        ChatRequests.For(model, systemPrompt, history.Append(ChatMessage.User(prompt)));
}
