using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Serialization;
using Evolink.Structured;

namespace Evolink.ToolCalling;

/// <summary>
/// Builds a function tool's JSON schema from parameter metadata: types,
/// required parameters, ValidateSet as enum, ValidateRange as minimum and
/// maximum, ValidatePattern as pattern, help text as descriptions.
/// </summary>
public static class ToolSchema
{
    public static ToolDefinition Build(string name, string? description, IEnumerable<ToolParameter> parameters)
    {
        var list = parameters.ToList();
        var properties = new Dictionary<string, object?>();
        foreach (var parameter in list)
            properties[parameter.Name] = Property(parameter);
        var schema = new Dictionary<string, object?> { ["type"] = "object", ["properties"] = properties };
        var required = list.Where(p => p.Mandatory).Select(p => p.Name).ToList();
        if (required.Count > 0)
            schema["required"] = required;
        schema["additionalProperties"] = false;
        return new ToolDefinition
        {
            Function = new FunctionDefinition
            {
                Name = ValidName(name),
                Description = string.IsNullOrWhiteSpace(description) ? null : description!.Trim(),
                Parameters = PlainData.ToJson(schema),
            },
        };
    }

    private static Dictionary<string, object?> Property(ToolParameter parameter)
    {
        var schema = TypeSchema(parameter.Type);
        var target = schema.TryGetValue("items", out var items) && items is Dictionary<string, object?> inner ? inner : schema;
        if (parameter.AllowedValues is { Count: > 0 } values)
            target["enum"] = values.ToList();
        if (parameter.Minimum is { } minimum)
            target["minimum"] = minimum;
        if (parameter.Maximum is { } maximum)
            target["maximum"] = maximum;
        if (!string.IsNullOrEmpty(parameter.Pattern))
            target["pattern"] = parameter.Pattern;
        if (!string.IsNullOrWhiteSpace(parameter.Description))
            schema["description"] = parameter.Description!.Trim();
        return schema;
    }

    private static Dictionary<string, object?> TypeSchema(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
            return new Dictionary<string, object?> { ["type"] = "array", ["items"] = TypeSchema(underlying.GetElementType()!) };
        if (underlying.IsEnum)
            return new Dictionary<string, object?> { ["type"] = "string", ["enum"] = Enum.GetNames(underlying).ToList() };
        if (underlying == typeof(bool))
            return new Dictionary<string, object?> { ["type"] = "boolean" };
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short) || underlying == typeof(byte)
            || underlying == typeof(uint) || underlying == typeof(ulong) || underlying == typeof(ushort) || underlying == typeof(sbyte))
            return new Dictionary<string, object?> { ["type"] = "integer" };
        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
            return new Dictionary<string, object?> { ["type"] = "number" };
        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset))
            return new Dictionary<string, object?> { ["type"] = "string", ["format"] = "date-time" };
        if (typeof(IDictionary).IsAssignableFrom(underlying))
            return new Dictionary<string, object?> { ["type"] = "object" };
        return new Dictionary<string, object?> { ["type"] = "string" };
    }

    /// <summary>Tool names are 1–64 of letters, digits, '_' and '-'; anything else becomes '_'.</summary>
    public static string ValidName(string name)
    {
        var cleaned = new string(name.Select(c => char.IsLetterOrDigit(c) && c < 128 || c is '_' or '-' ? c : '_').ToArray());
        if (cleaned.Length == 0)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, "A tool needs a name.");
        return cleaned.Length <= 64 ? cleaned : cleaned.Substring(0, 64);
    }

    /// <summary>A tool from a hand-written schema (hashtable, JSON text or .json file), whose calls the caller handles.</summary>
    public static ToolDefinition FromSchema(string name, string? description, object schema, Func<string, string> resolvePath) => new()
    {
        Function = new FunctionDefinition { Name = ValidName(name), Description = description, Parameters = JsonSchemaSource.Load(schema, resolvePath) },
    };

    /// <summary>The arguments' schema as JSON text, for display.</summary>
    public static string SchemaText(ToolDefinition tool) => tool.Function.Parameters?.GetRawText() ?? "{}";

    /// <summary>Arguments as plain data a command can be called with: names to values.</summary>
    internal static IDictionary<string, object?> Arguments(JsonElement arguments) =>
        (IDictionary<string, object?>?)PlainData.FromJson(arguments) ?? new Dictionary<string, object?>();
}
