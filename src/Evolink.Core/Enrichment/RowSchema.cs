using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

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
        Row = Build(writer => WriteRow(writer, properties));
        Reply = Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            writer.WriteStartObject("rows");
            writer.WriteString("type", "array");
            writer.WritePropertyName("items");
            WriteRow(writer, properties);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("required");
            writer.WriteStringValue("rows");
            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        });
    }

    public IReadOnlyList<PropertySpec> Properties { get; }

    /// <summary>What one row of the reply must be.</summary>
    public JsonElement Row { get; }

    /// <summary>What the whole reply must be: the response format sent with each request.</summary>
    public JsonElement Reply { get; }

    private static void WriteRow(Utf8JsonWriter writer, IReadOnlyList<PropertySpec> properties)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        writer.WriteStartObject(PropertySpec.RowKey);
        writer.WriteString("type", "integer");
        writer.WriteEndObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            WriteProperty(writer, property);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        writer.WriteStringValue(PropertySpec.RowKey);
        foreach (var property in properties)
            writer.WriteStringValue(property.Name);
        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, PropertySpec property)
    {
        if (property.Kind == PropertyKind.Schema)
        {
            // A fragment is the user's own: it is kept whole, and may also be null unless required.
            if (property.Required && property.Description is null)
            {
                property.Fragment!.Value.WriteTo(writer);
                return;
            }
            writer.WriteStartObject();
            if (property.Description is { } about)
                writer.WriteString("description", about);
            writer.WriteStartArray(property.Required ? "allOf" : "anyOf");
            property.Fragment!.Value.WriteTo(writer);
            if (!property.Required)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "null");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartObject();
        var type = property.Kind switch
        {
            PropertyKind.Integer or PropertyKind.Long => "integer",
            PropertyKind.Number => "number",
            PropertyKind.Boolean => "boolean",
            _ => "string",
        };
        if (property.Required)
        {
            writer.WriteString("type", type);
        }
        else
        {
            writer.WriteStartArray("type");
            writer.WriteStringValue(type);
            writer.WriteStringValue("null");
            writer.WriteEndArray();
        }
        if (property.Kind == PropertyKind.DateTime)
            writer.WriteString("format", "date-time");
        if (property.Kind == PropertyKind.Choice)
        {
            writer.WriteStartArray("enum");
            foreach (var choice in property.Choices)
                writer.WriteStringValue(choice);
            if (!property.Required)
                writer.WriteNullValue();
            writer.WriteEndArray();
        }
        if (property.Description is { } description)
            writer.WriteString("description", description);
        writer.WriteEndObject();
    }

    private delegate void Writing(Utf8JsonWriter writer);

    private static JsonElement Build(Writing write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
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
