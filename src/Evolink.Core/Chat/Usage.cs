namespace Evolink.Chat;

/// <summary>
/// Token counts. Every field may be missing or null, depending on the model
/// family, so every field is nullable.
/// </summary>
public sealed class Usage
{
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
    public int? TotalTokens { get; set; }
    public PromptTokensDetails? PromptTokensDetails { get; set; }
    public CompletionTokensDetails? CompletionTokensDetails { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public PromptTokensDetails? InputTokensDetails { get; set; }
    public int? PromptCacheHitTokens { get; set; }
    public int? PromptCacheMissTokens { get; set; }

    /// <summary>Prompt tokens, whichever name the model family used.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Prompt => PromptTokens ?? InputTokens;

    /// <summary>Completion tokens, whichever name the model family used.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Completion => CompletionTokens ?? OutputTokens;

    /// <summary>Prompt tokens served from the cache.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Cached => PromptTokensDetails?.CachedTokens ?? InputTokensDetails?.CachedTokens ?? PromptCacheHitTokens;

    /// <summary>Completion tokens spent on reasoning.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Reasoning => CompletionTokensDetails?.ReasoningTokens;

    /// <summary>Cost or credits when the gateway reports them on the reply (never estimated here).</summary>
    public double? Cost { get; set; }

    /// <summary>"12 prompt (3 cached) + 40 completion (25 reasoning) = 52 tokens".</summary>
    public override string ToString()
    {
        var prompt = $"{Prompt ?? 0} prompt" + (Cached is > 0 ? $" ({Cached} cached)" : string.Empty);
        var completion = $"{Completion ?? 0} completion" + (Reasoning is > 0 ? $" ({Reasoning} reasoning)" : string.Empty);
        var cost = Cost is { } c ? $", cost {c.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty;
        return $"{prompt} + {completion} = {TotalTokens ?? (Prompt ?? 0) + (Completion ?? 0)} tokens{cost}";
    }
}

public sealed class PromptTokensDetails
{
    public int? CachedTokens { get; set; }
    public int? TextTokens { get; set; }
    public int? AudioTokens { get; set; }
    public int? ImageTokens { get; set; }

    /// <summary>"3 cached, 9 text": the counts the gateway gave.</summary>
    public override string ToString() => Counts.Of((CachedTokens, "cached"), (TextTokens, "text"), (AudioTokens, "audio"), (ImageTokens, "image"));
}

public sealed class CompletionTokensDetails
{
    public int? TextTokens { get; set; }
    public int? AudioTokens { get; set; }
    public int? ReasoningTokens { get; set; }

    /// <summary>"25 reasoning, 15 text": the counts the gateway gave.</summary>
    public override string ToString() => Counts.Of((ReasoningTokens, "reasoning"), (TextTokens, "text"), (AudioTokens, "audio"));
}

internal static class Counts
{
    public static string Of(params (int? Count, string What)[] counts) =>
        string.Join(", ", System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(counts, c => c.Count is not null), c => $"{c.Count} {c.What}"));
}
