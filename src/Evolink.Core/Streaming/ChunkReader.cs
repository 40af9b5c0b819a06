using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Serialization;

namespace Evolink.Streaming;

/// <summary>
/// Reads one chunk's JSON straight from the SSE buffer. A chunk that differs
/// from the previous plain chunk only in its text is read by that shape
/// (<see cref="ChunkShape"/>): one string, not the whole object. Otherwise a
/// single Utf8JsonReader pass reads it; the strings that repeat in every
/// chunk (id, model, object, fingerprint, role, finish reason) are compared
/// in place with the previous chunk's and reused. Rare parts (tool calls,
/// logprobs, usage, errors) go through the source-generated serialiser.
/// </summary>
internal sealed class ChunkReader
{
    private Repeat _id;
    private Repeat _model;
    private Repeat _object;
    private Repeat _fingerprint;
    private Repeat _role;
    private Repeat _finishReason;
    private readonly ChunkShape _shape = new();
    // The text strings met while reading one chunk in full: how many, and the last one's place and field.
    private int _texts;
    private int _textStart;
    private int _textEnd;
    private string? _text;
    private ChunkField _textField;

    /// <summary>How many chunks were read by their shape alone: how much of a stream took the fast path (the engine benchmark's breakdown prints it).</summary>
    internal int ReadByShape { get; private set; }

    [MethodImpl(HotPath.Optimized)]
    public ChatChunk Read(ReadOnlySpan<byte> json)
    {
        if (_shape.TryRead(json, out var same))
        {
            ReadByShape++;
            return same;
        }
        _texts = 0;
        var chunk = ReadFully(json);
        if (_texts == 1)
            _shape.Learn(json, chunk, _textField, _text, _textStart, _textEnd);
        else
            _shape.Forget();
        return chunk;
    }

    [MethodImpl(HotPath.Optimized)]
    private ChatChunk ReadFully(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A chunk must be a JSON object.");
        var chunk = new ChatChunk();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ChunkFields.Of(ref reader))
            {
                case ChunkField.Choices:
                    ReadChoices(ref reader, chunk.Choices);
                    break;
                case ChunkField.Id:
                    chunk.Id = Repeated(ref reader, ref _id);
                    break;
                case ChunkField.Model:
                    chunk.Model = Repeated(ref reader, ref _model);
                    break;
                case ChunkField.Object:
                    chunk.Object = Repeated(ref reader, ref _object);
                    break;
                case ChunkField.Created:
                    // Only when: anything else reads as unknown, and a nested value is skipped whole, never read as the chunk's own fields.
                    chunk.Created = reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds) ? UnixTimeConverter.FromSeconds(seconds) : null;
                    reader.Skip();
                    break;
                case ChunkField.SystemFingerprint:
                    chunk.SystemFingerprint = Repeated(ref reader, ref _fingerprint);
                    break;
                case ChunkField.Usage:
                    chunk.Usage = Nested(ref reader, ChatJsonContext.Default.Usage);
                    break;
                case ChunkField.Error:
                    chunk.Error = reader.Read() && reader.TokenType != JsonTokenType.Null ? JsonElement.ParseValue(ref reader) : null;
                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
        }
        return chunk;
    }

    [MethodImpl(HotPath.Optimized)]
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
                switch (ChunkFields.Of(ref reader))
                {
                    case ChunkField.Delta:
                        choice.Delta = ReadDelta(ref reader);
                        break;
                    case ChunkField.Index:
                        choice.Index = reader.Read() && reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : 0;
                        break;
                    case ChunkField.FinishReason:
                        choice.FinishReason = Repeated(ref reader, ref _finishReason);
                        break;
                    case ChunkField.Logprobs:
                        choice.Logprobs = Nested(ref reader, ChatJsonContext.Default.ChoiceLogprobs);
                        break;
                    default:
                        SkipValue(ref reader);
                        break;
                }
            }
            // Nearly every chunk has one choice: room for exactly one, not the list's default four.
            if (choices.Capacity == 0)
                choices.Capacity = 1;
            choices.Add(choice);
        }
    }

    [MethodImpl(HotPath.Optimized)]
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
            switch (ChunkFields.Of(ref reader))
            {
                case ChunkField.Content:
                    delta.Content = Text(ref reader, ChunkField.Content);
                    break;
                case ChunkField.ReasoningContent:
                    delta.ReasoningContent = Text(ref reader, ChunkField.ReasoningContent);
                    break;
                case ChunkField.Role:
                    delta.Role = Repeated(ref reader, ref _role);
                    break;
                case ChunkField.ToolCalls:
                    delta.ToolCalls = Nested(ref reader, ChatJsonContext.Default.ListToolCall);
                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
        }
        return delta;
    }

    /// <summary>Text as sent; content given as parts (some providers) is read as parts and flattened.</summary>
    [MethodImpl(HotPath.Optimized)]
    private string? Text(ref Utf8JsonReader reader, ChunkField field)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                _texts++;
                _textField = field;
                _textStart = (int)reader.TokenStartIndex;
                _textEnd = (int)reader.BytesConsumed;
                return _text = reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                // Text given as parts: this chunk is never a shape to match.
                _texts += 2;
                return JsonSerializer.Deserialize(ref reader, ChatJsonContext.Default.MessageContent)?.ToString();
        }
    }

    /// <summary>
    /// A string that usually equals the previous chunk's: compared as the raw
    /// UTF-8 bytes it arrived as (no transcoding) and reused without
    /// allocating when it is the same.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
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
