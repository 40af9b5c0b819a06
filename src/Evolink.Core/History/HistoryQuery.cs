using System;

namespace Evolink.History;

/// <summary>What to find in the history; every condition given must hold.</summary>
public sealed class HistoryQuery
{
    /// <summary>Text to find, ignoring case, in the prompts, the system prompt and the reply.</summary>
    public string? Text { get; set; }

    /// <summary>The model asked for or the one that answered, ignoring case; wildcards * and ? allowed.</summary>
    public string? Model { get; set; }

    public DateTimeOffset? After { get; set; }
    public DateTimeOffset? Before { get; set; }
    public bool FailedOnly { get; set; }

    /// <summary>Only the newest this many matches (oldest first); null for all.</summary>
    public int? Last { get; set; }
}
