using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>
/// Source-generated serialisation of the chat's wire types: no reflection at run
/// time, so the first call in a fresh PowerShell process pays no warm-up.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(Usage))]
[JsonSerializable(typeof(ChoiceLogprobs))]
[JsonSerializable(typeof(System.Collections.Generic.List<ToolCall>))]
[JsonSerializable(typeof(MessageContent))]
[JsonSerializable(typeof(ToolDefinition))]
[JsonSerializable(typeof(FunctionDefinition))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(System.Collections.Generic.List<ContentPart>))]
internal sealed partial class ChatJsonContext : JsonSerializerContext
{
}
