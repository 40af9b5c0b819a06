using System.Text.Json.Serialization;

namespace Evolink.Account;

/// <summary>The account's replies (models, credits) and the model cache, source-generated like the chat's.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(CreditsReply))]
[JsonSerializable(typeof(string))]
internal sealed partial class AccountJsonContext : JsonSerializerContext
{
}
