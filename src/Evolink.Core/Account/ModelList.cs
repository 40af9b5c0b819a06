using System.Collections.Generic;

namespace Evolink.Account;

/// <summary>The body of <c>GET /v1/models</c>: the models this key may use.</summary>
public sealed class ModelList
{
    public string? Object { get; set; }
    public List<ModelInfo> Data { get; set; } = new();
}

public sealed class ModelInfo
{
    public string Id { get; set; } = string.Empty;
    public string? Object { get; set; }
    public long? Created { get; set; }
    public string? OwnedBy { get; set; }

    public override string ToString() => Id;
}
