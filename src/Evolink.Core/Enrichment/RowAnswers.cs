using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Evolink.Serialization;
using Evolink.Structured;

namespace Evolink.Enrichment;

/// <summary>
/// Reads one reply of a fill: finds each row's answer by its <c>_row</c>
/// number (never by where it stands in the list), checks it against the row's
/// schema and turns each value into its declared type. A row the reply left
/// out, answered twice or answered wrongly gets the reason instead of values.
/// </summary>
internal static class RowAnswers
{
    /// <summary>For each of the request's <paramref name="count"/> rows (numbered from 1): its values, or what was wrong.</summary>
    public static (IReadOnlyList<KeyValuePair<string, object?>>? Values, string? Problem)[] Read(string text, int count, RowSchema schema)
    {
        var answers = new (IReadOnlyList<KeyValuePair<string, object?>>? Values, string? Problem)[count];
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(StructuredOutput.StripFence(text));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Every(answers, $"the reply was not JSON ({ex.Message})");
        }
        // The schema asks for {"rows": [...]}; a bare array is the same answer without its wrapper.
        var rows = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rows", out var inside) && inside.ValueKind == JsonValueKind.Array ? inside
            : default;
        if (rows.ValueKind != JsonValueKind.Array)
            return Every(answers, "the reply has no \"rows\" list");
        var seen = new bool[count];
        foreach (var answer in rows.EnumerateArray())
        {
            if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty(PropertySpec.RowKey, out var number)
                || !number.TryGetInt32(out var index) || index < 1 || index > count)
                continue;
            if (seen[index - 1])
            {
                answers[index - 1] = (null, "the reply answered it twice");
                continue;
            }
            seen[index - 1] = true;
            answers[index - 1] = Typed(answer, schema);
        }
        for (var i = 0; i < count; i++)
        {
            if (!seen[i])
                answers[i] = (null, "the reply left it out");
        }
        return answers;
    }

    private static (IReadOnlyList<KeyValuePair<string, object?>>?, string?)[] Every((IReadOnlyList<KeyValuePair<string, object?>>?, string?)[] answers, string problem)
    {
        for (var i = 0; i < answers.Length; i++)
            answers[i] = (null, problem);
        return answers;
    }

    private static (IReadOnlyList<KeyValuePair<string, object?>>?, string?) Typed(JsonElement answer, RowSchema schema)
    {
        var errors = schema.RowCheck.Check(answer);
        if (errors.Count > 0)
            return (null, string.Join("; ", errors.Take(5).Select(e => e.StartsWith("$.", StringComparison.Ordinal) ? e.Substring(2) : e)) +
                (errors.Count > 5 ? $"; and {errors.Count - 5} more" : string.Empty));
        var values = new List<KeyValuePair<string, object?>>(schema.Properties.Count);
        foreach (var property in schema.Properties)
        {
            var value = answer.GetProperty(property.Name);
            if (value.ValueKind == JsonValueKind.Null)
            {
                if (property.Required)
                    return (null, $"{property.Name}: a value is required, the reply gave none");
                values.Add(new KeyValuePair<string, object?>(property.Name, null));
                continue;
            }
            if (Convert(property, value, out var converted) is { } problem)
                return (null, $"{property.Name}: {problem}");
            // A filled value is data a person reads in a table: one that could drive the terminal is a wrong answer.
            if (HoldsControl(value))
                return (null, $"{property.Name}: holds control characters (such as ESC), which a filled value may not");
            values.Add(new KeyValuePair<string, object?>(property.Name, converted));
        }
        return (values, null);
    }

    /// <summary>The value in its declared type; null when it converts, else what is wrong with it.</summary>
    private static string? Convert(PropertySpec property, JsonElement value, out object? converted)
    {
        converted = null;
        switch (property.Kind)
        {
            case PropertyKind.Integer:
                if (!Whole(value, out var whole) || whole < int.MinValue || whole > int.MaxValue)
                    return $"{Short(value)} is not a whole number within {int.MinValue:N0} to {int.MaxValue:N0}";
                converted = (int)whole;
                return null;
            case PropertyKind.Long:
                if (!Whole(value, out var big))
                    return $"{Short(value)} is not a whole number within the range of a 64-bit integer";
                converted = big;
                return null;
            case PropertyKind.Number:
                converted = value.GetDouble();
                return null;
            case PropertyKind.Boolean:
                converted = value.GetBoolean();
                return null;
            case PropertyKind.DateTime:
                if (!DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
                    return $"{Short(value)} is not a date and time (ISO 8601, such as 2026-12-07T09:30:00Z)";
                converted = time;
                return null;
            case PropertyKind.Schema:
                converted = PlainData.FromJson(value);
                return null;
            default:
                converted = value.GetString();
                return null;
        }
    }

    /// <summary>Whether any text in the value has a control character other than a line break or a tab, or a bidirectional override.</summary>
    private static bool HoldsControl(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                foreach (var c in value.GetString()!)
                {
                    if (c < 0x20 && c is not ('\n' or '\t' or '\r') || c is >= '\u007F' and <= '\u009F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
                        return true;
                }
                return false;
            case JsonValueKind.Array:
                return value.EnumerateArray().Any(HoldsControl);
            case JsonValueKind.Object:
                return value.EnumerateObject().Any(p => HoldsControl(p.Value) || HoldsControl(p.Name));
            default:
                return false;
        }
    }

    private static bool HoldsControl(string name) => name.Any(c => c < 0x20 || c is >= '\u007F' and <= '\u009F');

    /// <summary>A whole number, also when written as 3.0 (JSON Schema's "integer" allows it).</summary>
    private static bool Whole(JsonElement value, out long whole)
    {
        if (value.TryGetInt64(out whole))
            return true;
        var number = value.GetDouble();
        if (Math.Floor(number) == number && number >= long.MinValue && number <= long.MaxValue)
        {
            whole = (long)number;
            return true;
        }
        return false;
    }

    private static string Short(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 60 ? raw.Substring(0, 57) + "..." : raw;
    }
}
