using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Evolink.Serialization;

namespace Evolink.Chat;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>. Every property left null is
/// left out of the JSON, so the gateway's own defaults apply.
/// </summary>
public sealed class ChatRequest
{
    /// <summary>Any model id; never checked client-side (new ones appear weekly).</summary>
    public string? Model { get; set; }

    public List<ChatMessage> Messages { get; set; } = new();

    public bool? Stream { get; set; }
    public StreamOptions? StreamOptions { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? TopK { get; set; }
    public double? FrequencyPenalty { get; set; }
    public double? PresencePenalty { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Stop { get; set; }

    public int? N { get; set; }
    public string? ReasoningEffort { get; set; }
    public long? Seed { get; set; }
    public bool? Logprobs { get; set; }
    public int? TopLogprobs { get; set; }
    public ResponseFormat? ResponseFormat { get; set; }
    public List<ToolDefinition>? Tools { get; set; }
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>
    /// Model-specific top-level fields (e.g. <c>thinking</c>) sent as they are.
    /// A name that equals a typed property is sent twice, so callers merge
    /// through <see cref="ChatRequestExtensions.SetExtraField"/>.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields { get; set; }

    /// <summary>
    /// The Idempotency-Key this request is sent with (its retries too); null: a new one per call.
    /// A run with a journal names each request by what it sends, so a request in flight when a
    /// process died is answered from the gateway's copy when the rerun sends it again.
    /// </summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; set; }

    /// <summary>A shallow copy, so a call can set stream fields without touching the caller's request.</summary>
    public ChatRequest Copy() => (ChatRequest)MemberwiseClone();
}

public sealed class StreamOptions
{
    public bool? IncludeUsage { get; set; }
}
