using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Evolink;

/// <summary>
/// A completed chat reply, whether it came whole or was assembled from a
/// stream. Reads as its text (<see cref="ToString"/>) so that
/// <c>Set-Content</c> and string interpolation write the answer.
/// </summary>
public sealed class ChatResponse : IConversation
{
    public string? Id { get; set; }
    public string? Object { get; set; }

    /// <summary>Unix seconds, as the gateway sent it.</summary>
    public long? Created { get; set; }

    /// <summary>The model that actually answered (it differs from the request for <c>evolink/auto</c>).</summary>
    public string? Model { get; set; }

    public List<ChatChoice> Choices { get; set; } = new();
    public Usage? Usage { get; set; }
    public string? SystemFingerprint { get; set; }
    public string? ServiceTier { get; set; }

    /// <summary>What a user quotes to support: from the <c>x-request-id</c> header.</summary>
    [JsonIgnore]
    public string? RequestId { get; set; }

    /// <summary>
    /// True when the reply was streamed: its text was already shown as it
    /// arrived, so the console view shows <see cref="Summary"/> instead of
    /// printing the text a second time.
    /// </summary>
    [JsonIgnore]
    public bool Streamed { get; set; }

    /// <summary>One line about the reply: model, finish reason, tokens, request id.</summary>
    [JsonIgnore]
    public string Summary
    {
        get
        {
            var parts = new List<string> { Model ?? "unknown model", FinishReason ?? "unfinished" };
            if (Usage?.TotalTokens is { } tokens)
                parts.Add($"{tokens} tokens");
            if (RequestId is not null)
                parts.Add($"request {RequestId}");
            return "[" + string.Join(" · ", parts) + "]";
        }
    }

    /// <summary>
    /// When JSON was asked for: the reply parsed into plain data
    /// (dictionaries, lists, strings, numbers), checked against the schema.
    /// </summary>
    [JsonIgnore]
    public object? Data { get; set; }

    /// <summary>The pipeline input this reply answers (a prompt, a conversation), so unordered batch output can be matched up.</summary>
    [JsonIgnore]
    public object? Input { get; set; }

    /// <summary>The messages that were sent followed by this reply: pipe the response on to continue.</summary>
    [JsonIgnore]
    public Conversation? Conversation { get; set; }

    [JsonIgnore]
    IReadOnlyList<ChatMessage> IConversation.Messages => Conversation?.Messages ?? new List<ChatMessage>();

    /// <summary>The first choice's text (what most callers want).</summary>
    [JsonIgnore]
    public string Text => Choices.Count == 0 ? string.Empty : Choices[0].Message?.Content?.ToString() ?? string.Empty;

    /// <summary>The first choice's finish reason.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.FirstOrDefault()?.FinishReason;

    public override string ToString() => Text;
}

public sealed class ChatChoice
{
    public int Index { get; set; }
    public ChatMessage? Message { get; set; }
    public ChoiceLogprobs? Logprobs { get; set; }

    /// <summary>stop, length, tool_calls, content_filter, or whatever the model family says.</summary>
    public string? FinishReason { get; set; }

    public override string ToString() => Message?.ToString() ?? string.Empty;
}

public sealed class ChoiceLogprobs
{
    public List<TokenLogprob>? Content { get; set; }
}

public sealed class TokenLogprob
{
    public string? Token { get; set; }
    public double? Logprob { get; set; }
    public List<int>? Bytes { get; set; }
    public List<TopLogprob>? TopLogprobs { get; set; }
}

public sealed class TopLogprob
{
    public string? Token { get; set; }
    public double? Logprob { get; set; }
    public List<int>? Bytes { get; set; }
}
