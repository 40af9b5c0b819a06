using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>Anything that holds a conversation: a saved conversation, or a response (messages sent plus its reply).</summary>
public interface IConversation
{
    /// <summary>The model the conversation was held with.</summary>
    string? Model { get; }

    IReadOnlyList<ChatMessage> Messages { get; }
}

/// <summary>A conversation as it is saved and loaded: the model and every message, in order.</summary>
public sealed class Conversation : IConversation
{
    public string? Model { get; set; }

    public List<ChatMessage> Messages { get; set; } = new();

    [JsonIgnore]
    IReadOnlyList<ChatMessage> IConversation.Messages => Messages;

    public static Conversation From(IConversation source) =>
        new() { Model = source.Model, Messages = source.Messages.ToList() };

    /// <summary>The last message's text: what the conversation ended on.</summary>
    public override string ToString() => Messages.Count == 0 ? string.Empty : Messages[Messages.Count - 1].ToString();
}
