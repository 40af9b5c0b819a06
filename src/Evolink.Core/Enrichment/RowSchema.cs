using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using Evolink.Serialization;
using Evolink.Structured;

namespace Evolink.Enrichment;

/// <summary>
/// The JSON schemas of a fill: one row's (its <c>_row</c> number and every
/// declared property, none left out, nothing else) and the reply's
/// (<c>{"rows": [row, …]}</c>). Every property is listed as required and a
/// property that may be empty allows null instead, the shape strict
/// structured output accepts from every provider.
/// </summary>
public sealed class RowSchema
{
    public const string Name = "evolink_properties";

    public RowSchema(IReadOnlyList<PropertySpec> properties)
    {
        Properties = properties;
        var row = RowOf(properties);
        Row = PlainData.ToJson(row);
        // Read once, and now: a declared fragment that cannot be checked stops the command before any input is read.
        RowCheck = SchemaChecks.For(Row);
        Reply = PlainData.ToJson(Object(new OrderedDictionary { ["rows"] = new OrderedDictionary { ["type"] = "array", ["items"] = row } }));
    }

    public IReadOnlyList<PropertySpec> Properties { get; }

    /// <summary>What one row of the reply must be.</summary>
    public JsonElement Row { get; }

    /// <summary>The check of one row against <see cref="Row"/>.</summary>
    public ISchemaCheck RowCheck { get; }

    /// <summary>What the whole reply must be: the response format sent with each request.</summary>
    public JsonElement Reply { get; }

    private static OrderedDictionary RowOf(IReadOnlyList<PropertySpec> properties)
    {
        var fields = new OrderedDictionary { [PropertySpec.RowKey] = new OrderedDictionary { ["type"] = "integer" } };
        foreach (var property in properties)
            fields[property.Name] = Schema(property);
        return Object(fields);
    }

    /// <summary>An object schema with exactly these properties, each required.</summary>
    private static OrderedDictionary Object(OrderedDictionary fields) => new()
    {
        ["type"] = "object",
        ["properties"] = fields,
        ["required"] = fields.Keys.Cast<string>().ToList(),
        ["additionalProperties"] = false,
    };

    private static object? Schema(PropertySpec property)
    {
        var schema = new OrderedDictionary();
        if (property.Kind == PropertyKind.Schema)
        {
            // A fragment is the user's own: it is kept whole, and may also be null unless required.
            if (property.Required && property.Description is null)
                return property.Fragment;
            if (property.Description is { } about)
                schema["description"] = about;
            schema[property.Required ? "allOf" : "anyOf"] = property.Required
                ? new List<object?> { property.Fragment }
                : new List<object?> { property.Fragment, new OrderedDictionary { ["type"] = "null" } };
            return schema;
        }
        var type = property.Kind switch
        {
            PropertyKind.Integer or PropertyKind.Long => "integer",
            PropertyKind.Number => "number",
            PropertyKind.Boolean => "boolean",
            _ => "string",
        };
        schema["type"] = property.Required ? type : new List<object?> { type, "null" };
        if (property.Kind == PropertyKind.DateTime)
            schema["format"] = "date-time";
        if (property.Kind == PropertyKind.Choice)
            schema["enum"] = property.Required ? property.Choices.Cast<object?>().ToList() : property.Choices.Cast<object?>().Append(null).ToList();
        if (property.Description is { } description)
            schema["description"] = description;
        return schema;
    }

    /// <summary>One line per property for the instructions: what the model is to fill, in words as well as in the schema.</summary>
    public string Describe() => string.Join("\n", Properties.Select(p => "- " + p.Name + ": " + p.Kind switch
    {
        PropertyKind.Text => p.Description ?? "text",
        PropertyKind.Integer or PropertyKind.Long => "a whole number",
        PropertyKind.Number => "a number",
        PropertyKind.Boolean => "true or false",
        PropertyKind.DateTime => "a date and time in ISO 8601",
        PropertyKind.Choice => "one of " + string.Join(", ", p.Choices.Select(c => JsonSerializer.Serialize(c))),
        _ => "a value as the schema describes",
    } + (p.Kind != PropertyKind.Text && p.Description is { } d ? " (" + d + ")" : string.Empty)
      + (p.Required ? "; always give one" : string.Empty)));
}
