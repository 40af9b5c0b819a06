using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>A function the model may call.</summary>
public sealed class ToolDefinition
{
    public string Type { get; set; } = "function";
    public FunctionDefinition Function { get; set; } = new();

    public override string ToString() => Function.Name;
}

public sealed class FunctionDefinition
{
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }

    /// <summary>The arguments' JSON schema.</summary>
    public JsonElement? Parameters { get; set; }

    public bool? Strict { get; set; }

    public override string ToString() => Name;
}

/// <summary>A call the model asked for, as it stands on an assistant message.</summary>
public sealed class ToolCall
{
    /// <summary>Only in streamed fragments: which call a fragment belongs to.</summary>
    public int? Index { get; set; }
    public string? Id { get; set; }
    public string? Type { get; set; }
    public FunctionCall? Function { get; set; }

    /// <summary>"Open-Ticket {"title":"VPN down"}": the call as the model made it.</summary>
    public override string ToString() => Function?.ToString() ?? Id ?? string.Empty;
}

public sealed class FunctionCall
{
    public string? Name { get; set; }

    /// <summary>The arguments as JSON text, exactly as the model wrote them.</summary>
    public string? Arguments { get; set; }

    public override string ToString() => $"{Name} {Arguments}".Trim();
}

/// <summary>
/// <c>none</c>, <c>auto</c>, <c>required</c>, or one named function. On the
/// wire a string or an object, hence the converter.
/// </summary>
[JsonConverter(typeof(ToolChoiceConverter))]
public sealed class ToolChoice
{
    private ToolChoice(string? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    public string? Mode { get; }
    public string? FunctionName { get; }

    public static ToolChoice None { get; } = new("none", null);
    public static ToolChoice Auto { get; } = new("auto", null);
    public static ToolChoice Required { get; } = new("required", null);

    public static ToolChoice ForFunction(string name) => new(null, name);

    /// <summary>A mode word, or any other text taken as a function name.</summary>
    public static ToolChoice Parse(string value) => value switch
    {
        "none" => None,
        "auto" => Auto,
        "required" => Required,
        _ => ForFunction(value),
    };

    public override string ToString() => Mode ?? $"function:{FunctionName}";
}
