using System;
using System.Collections;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Serialization;

namespace Evolink.ToolCalling;

/// <summary>Tool definitions and tool calls from what a user types: objects, hashtables or JSON text.</summary>
public static class ToolInput
{
    /// <summary>
    /// A tool definition: a <see cref="ToolDefinition"/>, the wire shape
    /// (<c>@{ type='function'; function=@{ name=…; parameters=… } }</c>), the
    /// short shape (<c>@{ name=…; description=…; parameters=… }</c>), or JSON text of either.
    /// </summary>
    public static ToolDefinition Definition(object input)
    {
        if (input is ToolDefinition tool)
            return tool;
        var json = AsJson(input, "A tool");
        if (json.ValueKind != JsonValueKind.Object)
            throw Refused("A tool must be an object with a name, a description and parameters (a JSON schema).", EvolinkRemedy.ToolShape);
        if (!json.TryGetProperty("function", out _))
        {
            var function = JsonSerializer.Deserialize(json.GetRawText(), ChatJsonContext.Default.FunctionDefinition)!;
            tool = new ToolDefinition { Function = function };
        }
        else
        {
            tool = JsonSerializer.Deserialize(json.GetRawText(), ChatJsonContext.Default.ToolDefinition)!;
        }
        if (string.IsNullOrWhiteSpace(tool.Function?.Name))
            throw Refused("A tool has no name. Give each tool a name the model can call it by.");
        return tool;
    }

    /// <summary>A call on an assistant message: a <see cref="ToolCall"/> or <c>@{ id=…; name=…; arguments=… }</c> (arguments as JSON text or a hashtable).</summary>
    public static ToolCall Call(object input)
    {
        if (input is ToolCall call)
            return call;
        if (input is not IDictionary map)
            throw Refused("A tool call must be an object with an id, a name and arguments.", EvolinkRemedy.ToolCallShape);
        var id = Value(map, "id") as string;
        var name = Value(map, "name") as string;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name))
            throw Refused("A tool call needs both an id and a name.");
        var arguments = Value(map, "arguments") switch
        {
            null => "{}",
            string text => text,
            var data => PlainData.ToJson(data).GetRawText(),
        };
        return new ToolCall { Id = id, Type = "function", Function = new FunctionCall { Name = name, Arguments = arguments } };
    }

    private static object? Value(IDictionary map, string key)
    {
        foreach (DictionaryEntry entry in map)
        {
            if (string.Equals(entry.Key as string, key, StringComparison.OrdinalIgnoreCase))
                return entry.Value;
        }
        return null;
    }

    internal static JsonElement AsJson(object input, string what)
    {
        if (input is not string text)
            return PlainData.ToJson(input);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Refused($"{what} was given as text that is not JSON ({ex.Message}).");
        }
    }

    private static EvolinkException Refused(string message, EvolinkRemedy remedy = EvolinkRemedy.None) => new(EvolinkErrorKind.InvalidInput, message, remedy: remedy);
}
