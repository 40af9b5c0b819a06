using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>Saved conversations: the wire names, indented so a person can read and edit the file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(System.Collections.Generic.List<ContentPart>))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext
{
}
