using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Evolink.Chat;

/// <summary>
/// One streamed piece of a reply (<c>chat.completion.chunk</c>). Reads as
/// the text it adds, so chunks written to the host form the answer.
/// </summary>
public sealed class ChatChunk
{
    public string? Id { get; set; }
    public string? Object { get; set; }
    /// <summary>When the gateway made the reply (Unix seconds on the wire).</summary>
    public System.DateTimeOffset? Created { get; set; }
    public string? Model { get; set; }
    public string? SystemFingerprint { get; set; }
    public List<ChunkChoice> Choices { get; set; } = new();

    /// <summary>Only on the last chunk, when usage was asked for (its choices are empty).</summary>
    public Usage? Usage { get; set; }

    /// <summary>Set when the gateway reports a failure inside the stream.</summary>
    public JsonElement? Error { get; set; }

    /// <summary>
    /// The text this chunk adds to the first choice (index 0); null when it adds none (the first chunk's
    /// role, a finish reason, usage, another choice's text), so <c>ForEach-Object Text</c> gives only text.
    /// </summary>
    public string? Text
    {
        get
        {
            foreach (var choice in Choices)
            {
                if (choice.Index == 0)
                    return string.IsNullOrEmpty(choice.Delta?.Content) ? null : choice.Delta!.Content;
            }
            return null;
        }
    }

    /// <summary>The reasoning_content this chunk adds to the first choice (index 0).</summary>
    public string? ReasoningText
    {
        get
        {
            foreach (var choice in Choices)
            {
                if (choice.Index == 0)
                    return choice.Delta?.ReasoningContent;
            }
            return null;
        }
    }

    public override string ToString() => Text ?? string.Empty;
}

public sealed class ChunkChoice
{
    public int Index { get; set; }
    public ChunkDelta? Delta { get; set; }
    public ChoiceLogprobs? Logprobs { get; set; }
    public string? FinishReason { get; set; }

    public override string ToString() => Delta?.Content ?? string.Empty;
}

/// <summary>What one chunk adds to a choice.</summary>
public sealed class ChunkDelta
{
    public string? Role { get; set; }
    public string? Content { get; set; }
    public string? ReasoningContent { get; set; }

    /// <summary>Fragments of tool calls: id, type and name come once, arguments in pieces.</summary>
    public List<ToolCall>? ToolCalls { get; set; }

}
