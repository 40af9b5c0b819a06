using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Evolink.Structured;

/// <summary>
/// Checks a JSON value against the JSON Schema keywords structured output
/// uses: type, properties, required, additionalProperties, items, enum,
/// const, anyOf/oneOf/allOf, local $ref, numeric and length bounds, pattern.
/// Unknown keywords (format, description, …) are ignored, as the spec allows.
/// Hand-written because the schema libraries on NuGet need a newer
/// System.Text.Json than PowerShell 7.4 loads, or packages not available.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>Every mismatch, as "path: what is wrong"; empty when the value matches.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, schema, value, "$", errors, 0);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            errors.Add($"{path}: the schema nests or refers to itself too deeply");
            return;
        }
        if (schema.ValueKind == JsonValueKind.False)
            errors.Add($"{path}: no value is allowed here");
        if (schema.ValueKind != JsonValueKind.Object)
            return;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = Resolve(root, reference.GetString());
            if (target is null)
                errors.Add($"{path}: the schema refers to '{reference.GetString()}', which it does not define");
            else
                Check(root, target.Value, value, path, errors, depth + 1);
        }
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{path}: expected {Describe(type)}, got {KindName(value)}");
            return;
        }
        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => JsonEquals(c, value)))
            errors.Add($"{path}: {Short(value)} is not one of {choices.GetRawText()}");
        if (schema.TryGetProperty("const", out var constant) && !JsonEquals(constant, value))
            errors.Add($"{path}: must be {constant.GetRawText()}");
        CheckCombinators(root, schema, value, path, errors, depth);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(root, schema, value, path, errors, depth);
                break;
            case JsonValueKind.Array:
                CheckArray(root, schema, value, path, errors, depth);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value.GetDouble(), path, errors);
                break;
        }
    }

    private static void CheckCombinators(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        int Matching(JsonElement options) => options.EnumerateArray().Count(option => Validate(root, option, value, depth).Count == 0);

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var option in all.EnumerateArray())
                Check(root, option, value, path, errors, depth + 1);
        }
        if (schema.TryGetProperty("anyOf", out var any) && Matching(any) == 0)
            errors.Add($"{path}: matches none of the anyOf choices");
        if (schema.TryGetProperty("oneOf", out var one) && Matching(one) != 1)
            errors.Add($"{path}: must match exactly one of the oneOf choices");
    }

    private static List<string> Validate(JsonElement root, JsonElement schema, JsonElement value, int depth)
    {
        var errors = new List<string>();
        Check(root, schema, value, "$", errors, depth + 1);
        return errors;
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        schema.TryGetProperty("properties", out var properties);
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                    errors.Add($"{path}: the required property '{name}' is missing");
            }
        }
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                Check(root, propertySchema, property.Value, childPath, errors, depth + 1);
            else if (hasAdditional && additional.ValueKind == JsonValueKind.False)
                errors.Add($"{path}: the property '{property.Name}' is not allowed");
            else if (hasAdditional && additional.ValueKind == JsonValueKind.Object)
                Check(root, additional, property.Value, childPath, errors, depth + 1);
        }
    }

    private static void CheckArray(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
            errors.Add($"{path}: has {count} items, fewer than {min.GetInt32()}");
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
            errors.Add($"{path}: has {count} items, more than {max.GetInt32()}");
        if (schema.TryGetProperty("items", out var items) && items.ValueKind is JsonValueKind.Object or JsonValueKind.False)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
                Check(root, items, item, $"{path}[{index++}]", errors, depth + 1);
        }
    }

    private static void CheckString(JsonElement schema, string text, string path, List<string> errors)
    {
        var length = new StringInfo(text).LengthInTextElements;
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
            errors.Add($"{path}: is shorter than {min.GetInt32()} characters");
        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
            errors.Add($"{path}: is longer than {max.GetInt32()} characters");
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            errors.Add($"{path}: does not match the pattern {pattern.GetString()}");
    }

    private static void CheckNumber(JsonElement schema, double number, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
            errors.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is less than the minimum {min.GetRawText()}");
        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
            errors.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is more than the maximum {max.GetRawText()}");
        if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.ValueKind == JsonValueKind.Number && number <= xmin.GetDouble())
            errors.Add($"{path}: must be more than {xmin.GetRawText()}");
        if (schema.TryGetProperty("exclusiveMaximum", out var xmax) && xmax.ValueKind == JsonValueKind.Number && number >= xmax.GetDouble())
            errors.Add($"{path}: must be less than {xmax.GetRawText()}");
    }

    private static JsonElement? Resolve(JsonElement root, string? reference)
    {
        if (reference is null || !reference.StartsWith("#", StringComparison.Ordinal))
            return null;
        var current = root;
        foreach (var raw in reference.Substring(1).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => IsType(t.GetString(), value))
        : IsType(type.GetString(), value);

    private static bool IsType(string? type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && Math.Abs(value.GetDouble() % 1) < double.Epsilon,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Describe(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString() ?? "?";

    private static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : text.Substring(0, 60) + "...";
    }

    /// <summary>JSON equality: numbers by value, objects regardless of property order.</summary>
    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        return a.ValueKind switch
        {
            JsonValueKind.Number => a.GetDouble().Equals(b.GetDouble()),
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray(), JsonEquals).All(x => x),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && JsonEquals(p.Value, other)),
            _ => true,
        };
    }
}
