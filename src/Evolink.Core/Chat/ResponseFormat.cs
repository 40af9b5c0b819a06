using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary><c>json_object</c>, or <c>json_schema</c> with its schema.</summary>
public sealed class ResponseFormat
{
    public string Type { get; set; } = "json_object";
    public JsonSchemaFormat? JsonSchema { get; set; }
}

public sealed class JsonSchemaFormat
{
    public string Name { get; set; } = "response";
    public string? Description { get; set; }
    public JsonElement Schema { get; set; }
    public bool? Strict { get; set; }
}
