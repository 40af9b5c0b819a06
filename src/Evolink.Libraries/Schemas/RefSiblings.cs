using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>
/// Drafts 06 and 07 say that beside <c>$ref</c> every other keyword is ignored; the library applies them anyway.
/// Rather than check such a schema otherwise than its draft says, it is refused, with how to write what was meant.
/// </summary>
internal static class RefSiblings
{
    // Keywords that change nothing about which values match, so ignoring them or not is the same.
    private static readonly HashSet<string> Harmless = new(StringComparer.Ordinal)
    {
        "$ref", "$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions", "readOnly", "writeOnly",
    };

    public static bool IgnoredByDraft(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$schema", out var named) && named.ValueKind == JsonValueKind.String
        && (SameDialect(named.GetString()!, Dialect.Draft07) || SameDialect(named.GetString()!, Dialect.Draft06));

    /// <summary>The first keyword that sits beside a $ref, or null when there is none.</summary>
    public static string? Find(JsonSchema schema) => SchemaNodes.Of(schema)
        .Where(node => node.Keywords!.Any(k => k.Handler.Name == "$ref"))
        .SelectMany(node => node.Keywords!)
        .Where(k => !Harmless.Contains(k.Handler.Name))
        .Select(k => k.Handler.Name)
        .FirstOrDefault();

    private static bool SameDialect(string named, Dialect dialect) =>
        string.Equals(named.TrimEnd('#'), dialect.Id!.OriginalString.TrimEnd('#'), StringComparison.Ordinal);
}
