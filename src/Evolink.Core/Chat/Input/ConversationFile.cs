using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Evolink.Errors;
using Evolink.Files;

namespace Evolink.Chat.Input;

/// <summary>
/// Saves and loads conversations as readable JSON (UTF-8, no BOM). Saving
/// what was loaded gives the same bytes; no key is ever part of it.
/// </summary>
public static class ConversationFile
{
    public static string ToJson(IConversation conversation) =>
        JsonSerializer.Serialize(Conversation.From(conversation), ConversationJsonContext.Default.Conversation);

    public static void Save(IConversation conversation, string path) => AtomicFile.WriteAllText(path, ToJson(conversation) + "\n");

    public static Conversation Load(string path)
    {
        if (!File.Exists(path))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"The conversation file '{path}' does not exist.");
        try
        {
            var conversation = JsonSerializer.Deserialize(File.ReadAllText(path), ConversationJsonContext.Default.Conversation);
            if (conversation?.Messages is not { Count: > 0 })
                throw new JsonException("it has no 'messages' list with at least one message");
            if (conversation.Messages.Any(m => m is null || string.IsNullOrWhiteSpace(m.Role)))
                throw new JsonException("a message has no role");
            return conversation;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                Sentences.End($"The file '{path}' is not a saved Evolink conversation: {ex.Message}"), ex, EvolinkRemedy.SaveConversation);
        }
    }
}
