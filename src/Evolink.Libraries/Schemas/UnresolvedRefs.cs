using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>
/// A <c>$ref</c> the schema does not hold. The library finds out only when a value reaches it; a schema is checked
/// whole when it is read, so the mistake shows before anything is sent, not on some reply later.
/// </summary>
internal static class UnresolvedRefs
{
    /// <summary>The first reference, as written, that leads nowhere; null when every one resolves.</summary>
    public static string? Find(JsonSchema schema) => SchemaNodes.Of(schema)
        .SelectMany(node => node.Keywords!)
        .Where(keyword => keyword.Handler.Name == "$ref" && (keyword.Subschemas is null || keyword.Subschemas.Length == 0))
        .Select(keyword => keyword.RawValue.ValueKind == JsonValueKind.String ? keyword.RawValue.GetString() : keyword.RawValue.GetRawText())
        .FirstOrDefault();
}
