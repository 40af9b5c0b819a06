using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Evolink.Chat;

namespace Evolink.History;

/// <summary>
/// One call as the history keeps it: what was sent, what came back (or the
/// error), with model, usage, timing and the command that made it. Never the
/// key: every entry passes the key's redactor before it is written.
/// </summary>
public sealed class HistoryEntry : IConversation
{
    /// <summary>When the call started, UTC.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>The model asked for.</summary>
    public string? Model { get; set; }

    /// <summary>The model that answered (differs for evolink/auto).</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>The messages sent, system prompt and history included.</summary>
    public List<ChatMessage> Messages { get; set; } = new();

    /// <summary>The reply's text; null when the call failed.</summary>
    public string? Reply { get; set; }

    public string? FinishReason { get; set; }
    public Usage? Usage { get; set; }
    public double DurationMs { get; set; }
    public string? RequestId { get; set; }

    /// <summary>The error's kind (an EvolinkErrorKind name) when the call failed.</summary>
    public string? ErrorKind { get; set; }

    public string? Error { get; set; }

    /// <summary>The command line or script line that made the call.</summary>
    public string? Command { get; set; }

    /// <summary>The last user message: what the entry is about, for views and search.</summary>
    [JsonIgnore]
    public string Prompt => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Content?.ToString() ?? string.Empty;

    [JsonIgnore]
    public bool Failed => ErrorKind is not null;

    /// <summary>The sent messages and the reply: pipe an entry to Invoke-EvolinkChat to go on from it.</summary>
    [JsonIgnore]
    IReadOnlyList<ChatMessage> IConversation.Messages =>
        Reply is null ? Messages : Messages.Concat(new[] { ChatMessage.Assistant(Reply) }).ToList();

    public override string ToString() => Reply ?? Error ?? string.Empty;
}
