using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Evolink.Streaming;

/// <summary>
/// Reads one chunk's JSON with a single Utf8JsonReader pass, straight from
/// the SSE buffer. The strings that repeat in every chunk of a stream (id,
/// model, object, fingerprint, role, finish reason) are compared in place
/// with the previous chunk's and reused, so a typical chunk allocates only
/// its objects and its new text. Rare parts (tool calls, logprobs, usage,
/// errors) go through the source-generated serialiser.
/// </summary>
internal sealed class ChunkReader
{
    private Repeat _id;
    private Repeat _model;
    private Repeat _object;
    private Repeat _fingerprint;
    private Repeat _role;
    private Repeat _finishReason;

    public ChatChunk Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A chunk must be a JSON object.");
        var chunk = new ChatChunk();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
                ReadChoices(ref reader, chunk.Choices);
            else if (reader.ValueTextEquals("id"u8))
                chunk.Id = Repeated(ref reader, ref _id);
            else if (reader.ValueTextEquals("model"u8))
                chunk.Model = Repeated(ref reader, ref _model);
            else if (reader.ValueTextEquals("object"u8))
                chunk.Object = Repeated(ref reader, ref _object);
            else if (reader.ValueTextEquals("created"u8))
                chunk.Created = reader.Read() && reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            else if (reader.ValueTextEquals("system_fingerprint"u8))
                chunk.SystemFingerprint = Repeated(ref reader, ref _fingerprint);
            else if (reader.ValueTextEquals("usage"u8))
                chunk.Usage = Nested(ref reader, EvolinkJsonContext.Default.Usage);
            else if (reader.ValueTextEquals("error"u8))
                chunk.Error = reader.Read() && reader.TokenType != JsonTokenType.Null ? JsonElement.ParseValue(ref reader) : null;
            else
                SkipValue(ref reader);
        }
        return chunk;
    }

    private void ReadChoices(ref Utf8JsonReader reader, List<ChunkChoice> choices)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return;
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("\"choices\" must be an array.");
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var choice = new ChunkChoice();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8))
                    choice.Delta = ReadDelta(ref reader);
                else if (reader.ValueTextEquals("index"u8))
                    choice.Index = reader.Read() && reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : 0;
                else if (reader.ValueTextEquals("finish_reason"u8))
                    choice.FinishReason = Repeated(ref reader, ref _finishReason);
                else if (reader.ValueTextEquals("logprobs"u8))
                    choice.Logprobs = Nested(ref reader, EvolinkJsonContext.Default.ChoiceLogprobs);
                else
                    SkipValue(ref reader);
            }
            choices.Add(choice);
        }
    }

    private ChunkDelta? ReadDelta(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("\"delta\" must be an object.");
        var delta = new ChunkDelta();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
                delta.Content = Text(ref reader);
            else if (reader.ValueTextEquals("reasoning_content"u8))
                delta.ReasoningContent = Text(ref reader);
            else if (reader.ValueTextEquals("role"u8))
                delta.Role = Repeated(ref reader, ref _role);
            else if (reader.ValueTextEquals("tool_calls"u8))
                delta.ToolCalls = Nested(ref reader, EvolinkJsonContext.Default.ListToolCall);
            else
                SkipValue(ref reader);
        }
        return delta;
    }

    /// <summary>Text as sent; content given as parts (some providers) is read as parts and flattened.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => JsonSerializer.Deserialize(ref reader, EvolinkJsonContext.Default.MessageContent)?.ToString(),
        };
    }

    /// <summary>
    /// A string that usually equals the previous chunk's: compared as the raw
    /// UTF-8 bytes it arrived as (no transcoding) and reused without
    /// allocating when it is the same.
    /// </summary>
    private static string? Repeated(ref Utf8JsonReader reader, ref Repeat previous)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }
        if (previous.Text is not null && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.SequenceEqual(previous.Utf8))
            return previous.Text;
        var text = reader.GetString();
        previous = new Repeat(text, reader.ValueIsEscaped || reader.HasValueSequence ? Array.Empty<byte>() : reader.ValueSpan.ToArray());
        return text;
    }

    /// <summary>The last value of a repeating field, and its bytes as sent (empty when it was escaped, so it never matches raw bytes).</summary>
    private readonly struct Repeat
    {
        public Repeat(string? text, byte[] utf8)
        {
            Text = text;
            Utf8 = utf8;
        }

        public string? Text { get; }
        public byte[] Utf8 { get; }
    }

    private static T? Nested<T>(ref Utf8JsonReader reader, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, type);
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
