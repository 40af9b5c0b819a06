using System.Text.Json.Serialization;

namespace Evolink.Serialization;

/// <summary>The configuration file's format: readable, camel-case as PowerShell users write JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(EvolinkConfiguration))]
internal sealed partial class ConfigurationJsonContext : JsonSerializerContext
{
}
