using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using Evolink.Chat;
using Evolink.Structured;
using Evolink.ToolCalling;

namespace Evolink.Core.Tests;

public sealed class ToolSchemaTests
{
    private enum Unit { Celsius, Fahrenheit }

    private static ToolDefinition Weather() => ToolSchema.Build("Get-Weather", "Gets the weather for a city.", new[]
    {
        new ToolParameter("City", typeof(string)) { Mandatory = true, Description = "The city's name." },
        new ToolParameter("Days", typeof(int)) { Minimum = 1, Maximum = 14 },
        new ToolParameter("Unit", typeof(Unit)),
        new ToolParameter("Detail", typeof(string)) { AllowedValues = new[] { "short", "full" } },
        new ToolParameter("Code", typeof(string)) { Pattern = "^[A-Z]{3}$" },
        new ToolParameter("Detailed", typeof(bool)),
        new ToolParameter("Ratio", typeof(double?)),
        new ToolParameter("Tags", typeof(string[])) { AllowedValues = new[] { "a", "b" } },
    });

    [Fact]
    public void Parameter_metadata_becomes_a_function_schema()
    {
        var tool = Weather();

        Assert.Equal(("function", "Get-Weather", "Gets the weather for a city."), (tool.Type, tool.Function.Name, tool.Function.Description));
        Assert.Equal(
            """{"type":"object","properties":{"City":{"type":"string","description":"The city\u0027s name."},"Days":{"type":"integer","minimum":1,"maximum":14},"Unit":{"type":"string","enum":["Celsius","Fahrenheit"]},"Detail":{"type":"string","enum":["short","full"]},"Code":{"type":"string","pattern":"^[A-Z]{3}$"},"Detailed":{"type":"boolean"},"Ratio":{"type":"number"},"Tags":{"type":"array","items":{"type":"string","enum":["a","b"]}}},"required":["City"],"additionalProperties":false}""",
            tool.Function.Parameters!.Value.GetRawText());
    }

    [Fact]
    public void The_schema_is_valid_JSON_Schema_by_the_meta_rules_tools_need()
    {
        var schema = Weather().Function.Parameters!.Value;

        AssertValidSchema(schema, "$");
        Assert.Empty(SchemaChecks.For(schema).Check(JsonDocument.Parse("""{"City":"Paris","Days":3,"Unit":"Celsius","Tags":["a"]}""").RootElement));
        Assert.NotEmpty(SchemaChecks.For(schema).Check(JsonDocument.Parse("""{"Days":30}""").RootElement));
    }

    [Fact]
    public void A_name_a_model_cannot_call_is_made_callable()
    {
        Assert.Equal("Get-Weather", ToolSchema.ValidName("Get-Weather"));
        Assert.Equal("My_Tool_v2", ToolSchema.ValidName("My Tool.v2"));
        Assert.Equal(64, ToolSchema.ValidName(new string('a', 100)).Length);
    }

    private static readonly HashSet<string> Types = new() { "object", "array", "string", "integer", "number", "boolean", "null" };

    /// <summary>The meta-schema rules a function schema must keep: known types, properties as schemas, required naming real properties, sane bounds, patterns that compile.</summary>
    private static void AssertValidSchema(JsonElement schema, string path)
    {
        Assert.Equal(JsonValueKind.Object, schema.ValueKind);
        if (schema.TryGetProperty("type", out var type))
            Assert.Contains(type.GetString()!, Types);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
                AssertValidSchema(property.Value, $"{path}.{property.Name}");
            if (schema.TryGetProperty("required", out var required))
                Assert.All(required.EnumerateArray(), r => Assert.True(properties.TryGetProperty(r.GetString()!, out _), $"{path}: required {r} is no property"));
        }
        if (schema.TryGetProperty("items", out var items))
            AssertValidSchema(items, path + "[]");
        if (schema.TryGetProperty("enum", out var values))
            Assert.True(values.GetArrayLength() > 0, $"{path}: empty enum");
        if (schema.TryGetProperty("minimum", out var min) && schema.TryGetProperty("maximum", out var max))
            Assert.True(min.GetDouble() <= max.GetDouble());
        if (schema.TryGetProperty("pattern", out var pattern))
            _ = new Regex(pattern.GetString()!);
    }
}
