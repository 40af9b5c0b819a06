using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>Content is a JSON string or an array of parts; this keeps both forms as they came.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, PartsInfo(options));
                return new MessageContent(parts ?? new List<ContentPart>());
            default:
                throw new JsonException("Message content must be a string or an array of parts.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }
        writer.WriteStartArray();
        foreach (var part in value.Parts)
            JsonSerializer.Serialize(writer, part, PartInfo(options));
        writer.WriteEndArray();
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<ContentPart>> PartsInfo(JsonSerializerOptions options) =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<ContentPart>>)options.GetTypeInfo(typeof(List<ContentPart>));

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ContentPart> PartInfo(JsonSerializerOptions options) =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ContentPart>)options.GetTypeInfo(typeof(ContentPart));
}
