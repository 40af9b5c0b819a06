namespace Evolink.Chat;

/// <summary>What one model used in this session: requests and tokens, and cost where the gateway reported it.</summary>
public sealed class UsageTotal
{
    public string Model { get; set; } = string.Empty;
    public int Requests { get; set; }
    public long PromptTokens { get; set; }
    public long CachedTokens { get; set; }
    public long CompletionTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public long TotalTokens { get; set; }

    /// <summary>The sum of the costs the gateway reported; null when it reported none.</summary>
    public double? Cost { get; set; }

    /// <summary>Counts one reply.</summary>
    public void Add(Usage? usage)
    {
        Requests++;
        if (usage is null)
            return;
        PromptTokens += usage.Prompt ?? 0;
        CachedTokens += usage.Cached ?? 0;
        CompletionTokens += usage.Completion ?? 0;
        ReasoningTokens += usage.Reasoning ?? 0;
        TotalTokens += usage.TotalTokens ?? (usage.Prompt ?? 0) + (usage.Completion ?? 0);
        if (usage.Cost is { } cost)
            Cost = (Cost ?? 0) + cost;
    }

    public UsageTotal Copy() => (UsageTotal)MemberwiseClone();
}
