using System.Text.Json.Serialization;

namespace Evolink.Serialization;

/// <summary>
/// Source-generated serialisation for every wire type: no reflection at run
/// time, so the first call in a fresh PowerShell process pays no warm-up.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(CreditsReply))]
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
internal sealed partial class EvolinkJsonContext : JsonSerializerContext
{
}
