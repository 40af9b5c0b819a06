using System;
using System.Collections.Generic;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>Every subschema of a built schema once, references followed but never twice (a schema may refer to itself).</summary>
internal static class SchemaNodes
{
    public static IEnumerable<JsonSchemaNode> Of(JsonSchema schema)
    {
        var seen = new HashSet<JsonSchemaNode>();
        var pending = new Stack<JsonSchemaNode>();
        pending.Push(schema.Root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node) || node.Keywords is not { } keywords)
                continue;
            yield return node;
            foreach (var keyword in keywords)
            {
                foreach (var child in keyword.Subschemas ?? Array.Empty<JsonSchemaNode>())
                    pending.Push(child);
            }
        }
    }
}
