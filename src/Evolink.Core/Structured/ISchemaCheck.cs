using System.Collections.Generic;
using System.Text.Json;

namespace Evolink.Structured;

/// <summary>One JSON schema, read once and ready to check any number of values against it.</summary>
public interface ISchemaCheck
{
    /// <summary>Every mismatch, as "path: what is wrong" (the path from <c>$</c>, as in <c>$.items[2].name</c>); empty when the value matches.</summary>
    IReadOnlyList<string> Check(JsonElement value);
}
