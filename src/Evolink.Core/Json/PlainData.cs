using System.Collections.Generic;
using System.Text.Json;

namespace Evolink;

/// <summary>
/// Turns JSON into plain .NET data (string, long, double, bool, null, lists,
/// ordered dictionaries) so that no System.Text.Json type reaches a caller
/// that only wants values, such as a PowerShell script.
/// </summary>
public static class PlainData
{
    public static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (var item in element.EnumerateArray())
                    list.Add(FromJson(item));
                return list;
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var property in element.EnumerateObject())
                    map[property.Name] = FromJson(property.Value);
                return map;
            default:
                return null;
        }
    }
}
