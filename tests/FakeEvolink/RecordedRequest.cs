using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace FakeEvolink;

/// <summary>One request exactly as the gateway received it, for tests to assert on.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body's text, byte for byte as sent.</summary>
    public required string Body { get; init; }

    /// <summary>HTTP/1.1 or HTTP/2, as the request arrived.</summary>
    public string Protocol { get; init; } = string.Empty;

    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
