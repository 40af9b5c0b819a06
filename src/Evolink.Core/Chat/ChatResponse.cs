using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>
/// A completed chat reply, whether it came whole or was assembled from a
/// stream. Reads as its text (<see cref="ToString"/>) so that
/// <c>Set-Content</c> and string interpolation write the answer.
/// </summary>
public sealed class ChatResponse : IConversation
{
    public string? Id { get; set; }
    public string? Object { get; set; }

    /// <summary>When the gateway made the reply (Unix seconds on the wire).</summary>
    [JsonConverter(typeof(Serialization.UnixTimeConverter))]
    public System.DateTimeOffset? Created { get; set; }

    /// <summary>The model that actually answered (it differs from the request for <c>evolink/auto</c>).</summary>
    public string? Model { get; set; }

    public List<ChatChoice> Choices { get; set; } = new();
    public Usage? Usage { get; set; }
    public string? SystemFingerprint { get; set; }
    public string? ServiceTier { get; set; }

    /// <summary>What a user quotes to support: from the <c>x-request-id</c> header.</summary>
    [JsonIgnore]
    public string? RequestId { get; set; }

    /// <summary>The gateway answered with the reply it had kept for this request's idempotency key (an earlier attempt's), not charging again.</summary>
    [JsonIgnore]
    public bool IdempotencyReplayed { get; set; }

    /// <summary>The reply's body exactly as the gateway sent it (a whole reply, not a stream): what a journal keeps, without writing it again.</summary>
    [JsonIgnore]
    internal byte[]? RawBody { get; set; }

    /// <summary>Answered from a replay file used as a cache (-ReplayMode Cache): nothing was sent, nothing spent.</summary>
    [JsonIgnore]
    public bool FromCache { get; set; }

    /// <summary>Read back from a run's journal: an earlier run got this answer, and nothing was sent for it now.</summary>
    [JsonIgnore]
    public bool FromJournal { get; set; }

    /// <summary>
    /// When JSON was asked for: the reply parsed into plain data
    /// (dictionaries, lists, strings, numbers), checked against the schema.
    /// </summary>
    [JsonIgnore]
    public object? Data { get; set; }

    /// <summary>The messages that were sent followed by this reply: pipe the response on to continue.</summary>
    [JsonIgnore]
    public Conversation? Conversation { get; set; }

    [JsonIgnore]
    IReadOnlyList<ChatMessage> IConversation.Messages => Conversation?.Messages ?? new List<ChatMessage>();

    /// <summary>
    /// The first choice's answer (what most callers want), without a leading
    /// &lt;think&gt; block; the message in <see cref="Choices"/> keeps it verbatim.
    /// </summary>
    [JsonIgnore]
    public string Text => ThinkSplitter.Split(RawText).Text;

    /// <summary>
    /// The first choice's reasoning: the reply's reasoning_content, or the
    /// &lt;think&gt; block a model put at the start of its content; null when none.
    /// </summary>
    [JsonIgnore]
    public string? Reasoning => Choices.Count == 0 ? null : Choices[0].Message?.ReasoningContent ?? ThinkSplitter.Split(RawText).Reasoning;

    /// <summary>The model that was asked for (the reply's Model names the one that answered, e.g. for evolink/auto).</summary>
    [JsonIgnore]
    public string? RequestedModel { get; set; }

    private string RawText => Choices.Count == 0 ? string.Empty : Choices[0].Message?.Content?.ToString() ?? string.Empty;

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
