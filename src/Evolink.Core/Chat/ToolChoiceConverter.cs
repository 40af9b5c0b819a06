using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>Writes a mode as a string and a named function as <c>{"type":"function","function":{"name":…}}</c>.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return ToolChoice.Parse(reader.GetString()!);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.TryGetProperty("function", out var function)
            && function.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String)
            return ToolChoice.ForFunction(name.GetString()!);
        throw new JsonException("tool_choice must be none, auto, required, or {\"type\":\"function\",\"function\":{\"name\":...}}.");
    }

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WritePropertyName("function");
        writer.WriteStartObject();
        writer.WriteString("name", value.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
