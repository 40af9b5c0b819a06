using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Serialization;

namespace Evolink.Streaming;

/// <summary>The chunk properties the reader acts on; every other name is skipped.</summary>
internal enum ChunkField
{
    Other,
    Id,
    Object,
    Created,
    Model,
    SystemFingerprint,
    Choices,
    Usage,
    Error,
    Index,
    Delta,
    FinishReason,
    Logprobs,
    Role,
    Content,
    ReasoningContent,
    ToolCalls,
}

internal static class ChunkFields
{
    /// <summary>
    /// Names the property the reader stands on with one length switch and at
    /// most two byte comparisons, instead of a comparison per known name: a
    /// chunk has about a dozen properties and a long stream has a hundred
    /// thousand chunks. An escaped name (legal, but no gateway sends one) is
    /// unescaped first.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static ChunkField Of(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
            return Named(Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty));
        return Named(reader.ValueSpan);
    }

    [MethodImpl(HotPath.Optimized)]
    private static ChunkField Named(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => Is(name, "id"u8, ChunkField.Id),
        4 => Is(name, "role"u8, ChunkField.Role),
        5 => name[0] switch
        {
            (byte)'m' => Is(name, "model"u8, ChunkField.Model),
            (byte)'u' => Is(name, "usage"u8, ChunkField.Usage),
            (byte)'e' => Is(name, "error"u8, ChunkField.Error),
            (byte)'i' => Is(name, "index"u8, ChunkField.Index),
            (byte)'d' => Is(name, "delta"u8, ChunkField.Delta),
            _ => ChunkField.Other,
        },
        6 => Is(name, "object"u8, ChunkField.Object),
        7 => name[1] switch
        {
            (byte)'h' => Is(name, "choices"u8, ChunkField.Choices),
            (byte)'r' => Is(name, "created"u8, ChunkField.Created),
            (byte)'o' => Is(name, "content"u8, ChunkField.Content),
            _ => ChunkField.Other,
        },
        8 => Is(name, "logprobs"u8, ChunkField.Logprobs),
        10 => Is(name, "tool_calls"u8, ChunkField.ToolCalls),
        13 => Is(name, "finish_reason"u8, ChunkField.FinishReason),
        17 => Is(name, "reasoning_content"u8, ChunkField.ReasoningContent),
        18 => Is(name, "system_fingerprint"u8, ChunkField.SystemFingerprint),
        _ => ChunkField.Other,
    };

    private static ChunkField Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> known, ChunkField field) =>
        name.SequenceEqual(known) ? field : ChunkField.Other;
}
