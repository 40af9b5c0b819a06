using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace Evolink.Module.Tests;

/// <summary>The ConvertTo-Json stand-in's writer: dictionaries, objects' properties, lists, strings, numbers and booleans, compact.</summary>
public static class JsonStandIn
{
    public static string Write(object? value, int depth)
    {
        var text = new StringBuilder();
        Append(text, value, depth);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value, int depth)
    {
        value = value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(JsonSerializer.Serialize(s));
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case System.DateTime or System.TimeSpan or System.Enum or char:
                text.Append(JsonSerializer.Serialize(System.Convert.ToString(value, CultureInfo.InvariantCulture)));
                break;
            case System.IConvertible number:
                text.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                text.Append('{');
                text.Append(string.Join(",", map.Keys.Cast<object>().Select(k => JsonSerializer.Serialize(k.ToString()) + ":" + Nested(map[k], depth))));
                text.Append('}');
                break;
            case IEnumerable list:
                text.Append('[').Append(string.Join(",", list.Cast<object?>().Select(item => Nested(item, depth)))).Append(']');
                break;
            default:
                var properties = PSObject.AsPSObject(value).Properties.Where(p => p.IsGettable).ToList();
                text.Append('{');
                text.Append(string.Join(",", properties.Select(p => JsonSerializer.Serialize(p.Name) + ":" + Nested(SafeValue(p), depth))));
                text.Append('}');
                break;
        }
    }

    private static string Nested(object? value, int depth) =>
        depth <= 0 ? JsonSerializer.Serialize(value?.ToString()) : Write(value, depth - 1);

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }
}
