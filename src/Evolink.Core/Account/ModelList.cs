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
    /// <summary>When the model was added (Unix seconds on the wire); not every gateway says.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Serialization.UnixTimeConverter))]
    public System.DateTimeOffset? Created { get; set; }
    public string? OwnedBy { get; set; }

    public override string ToString() => Id;
}
