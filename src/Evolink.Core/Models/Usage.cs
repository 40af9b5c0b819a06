namespace Evolink;

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

    public override string ToString() => $"{PromptTokens ?? InputTokens} in, {CompletionTokens ?? OutputTokens} out";
}

public sealed class PromptTokensDetails
{
    public int? CachedTokens { get; set; }
    public int? TextTokens { get; set; }
    public int? AudioTokens { get; set; }
    public int? ImageTokens { get; set; }
}

public sealed class CompletionTokensDetails
{
    public int? TextTokens { get; set; }
    public int? AudioTokens { get; set; }
    public int? ReasoningTokens { get; set; }
}
