using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Serialization;

namespace Evolink.Streaming;

/// <summary>
/// The bytes of the last plain chunk on either side of its text. In a
/// stream, chunk after chunk differs from the one before only in that text
/// (same id, model, created, index, the same null finish reason), so a chunk
/// that starts and ends with the same bytes, with exactly one JSON string
/// between them, is the previous chunk with new text: only that string is
/// read. Sound because JSON tokens do not depend on what surrounds them: the
/// middle, read on its own, must be one complete string token, so the whole
/// reads token for token as the previous chunk did. Anything else (a new
/// created second, a finish reason, usage, a second choice) is read in full
/// and becomes the next shape.
/// </summary>
internal sealed class ChunkShape
{
    private byte[] _prefix = Array.Empty<byte>();
    private byte[] _suffix = Array.Empty<byte>();
    private int _prefixLength;
    private int _suffixLength;
    private ChatChunk? _last;
    private ChunkField _textField;

    /// <summary>The chunk these bytes hold, when they are the last shape with new text; false to read them in full.</summary>
    [MethodImpl(HotPath.Optimized)]
    public bool TryRead(ReadOnlySpan<byte> json, out ChatChunk chunk)
    {
        chunk = null!;
        if (_last is null || json.Length < _prefixLength + _suffixLength + 2)
            return false;
        if (!json.StartsWith(new ReadOnlySpan<byte>(_prefix, 0, _prefixLength)) ||
            !json.EndsWith(new ReadOnlySpan<byte>(_suffix, 0, _suffixLength)))
            return false;
        var middle = json.Slice(_prefixLength, json.Length - _prefixLength - _suffixLength);
        if (middle[0] != (byte)'"' || middle[middle.Length - 1] != (byte)'"')
            return false;
        string? text;
        try
        {
            var reader = new Utf8JsonReader(middle);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.BytesConsumed != middle.Length)
                return false;
            text = reader.GetString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Read in full, which reports it as every other malformed chunk.
            return false;
        }
        chunk = WithText(_last, text);
        return true;
    }

    /// <summary>Keeps a chunk just read in full as the shape to match, when it is plain: one choice, one text string, nothing else that grows.</summary>
    public void Learn(ReadOnlySpan<byte> json, ChatChunk chunk, ChunkField field, string? text, int textStart, int textEnd)
    {
        _last = null;
        if (chunk.Choices.Count != 1 || chunk.Usage is not null || chunk.Error is not null)
            return;
        var choice = chunk.Choices[0];
        var delta = choice.Delta;
        // The text must be what that one token set (not overwritten by a later duplicate delta).
        if (choice.Logprobs is not null || delta is null || delta.ToolCalls is not null || text is null ||
            !ReferenceEquals(field == ChunkField.Content ? delta.Content : delta.ReasoningContent, text))
            return;
        _prefixLength = Keep(ref _prefix, json.Slice(0, textStart));
        _suffixLength = Keep(ref _suffix, json.Slice(textEnd));
        _textField = field;
        _last = chunk;
    }

    /// <summary>Forgets the shape: the next chunk is read in full.</summary>
    public void Forget() => _last = null;

    private static int Keep(ref byte[] store, ReadOnlySpan<byte> bytes)
    {
        if (store.Length < bytes.Length)
            store = new byte[Math.Max(bytes.Length, 256)];
        bytes.CopyTo(store);
        return bytes.Length;
    }

    [MethodImpl(HotPath.Optimized)]
    private ChatChunk WithText(ChatChunk last, string? text)
    {
        var choice = last.Choices[0];
        var delta = choice.Delta!;
        var chunk = new ChatChunk
        {
            Id = last.Id,
            Object = last.Object,
            Created = last.Created,
            Model = last.Model,
            SystemFingerprint = last.SystemFingerprint,
        };
        chunk.Choices.Capacity = 1;
        chunk.Choices.Add(new ChunkChoice
        {
            Index = choice.Index,
            FinishReason = choice.FinishReason,
            Delta = new ChunkDelta
            {
                Role = delta.Role,
                Content = _textField == ChunkField.Content ? text : delta.Content,
                ReasoningContent = _textField == ChunkField.ReasoningContent ? text : delta.ReasoningContent,
            },
        });
        return chunk;
    }
}
