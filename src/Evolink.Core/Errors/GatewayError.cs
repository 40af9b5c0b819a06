using System.Collections.Generic;

namespace Evolink.Errors;

/// <summary>The <c>error</c> object of a gateway error body, read leniently.</summary>
public sealed class GatewayError
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Type { get; set; }
    public string? Param { get; set; }
    public string? RequestId { get; set; }
    public IReadOnlyDictionary<string, object?> Details { get; set; } = new Dictionary<string, object?>();
}
