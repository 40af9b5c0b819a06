using System.Text.Json.Serialization;
using Evolink.Chat;

namespace Evolink.History;

/// <summary>The history's lines: one compact JSON object per call.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(HistoryEntry))]
[JsonSerializable(typeof(System.Collections.Generic.List<ContentPart>))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext
{
}
