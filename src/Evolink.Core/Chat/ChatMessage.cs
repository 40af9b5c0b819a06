using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>One message of a conversation, in either direction.</summary>
public sealed class ChatMessage
{
    /// <summary>system, user, assistant or tool.</summary>
    public string Role { get; set; } = ChatRole.User;

    /// <summary>Plain text, or an ordered list of text and image parts; null on a tool-calls-only reply.</summary>
    public MessageContent? Content { get; set; }

    /// <summary>The thinking text some models return beside the answer.</summary>
    public string? ReasoningContent { get; set; }

    public string? Name { get; set; }

    /// <summary>On a <c>tool</c> message: the id of the call it answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>On an <c>assistant</c> message: the calls the model asked for.</summary>
    public List<ToolCall>? ToolCalls { get; set; }

    public static ChatMessage System(string text) => new() { Role = ChatRole.System, Content = text };

    public static ChatMessage User(string text) => new() { Role = ChatRole.User, Content = text };

    public static ChatMessage Assistant(string text) => new() { Role = ChatRole.Assistant, Content = text };

    public static ChatMessage Tool(string toolCallId, string text) =>
        new() { Role = ChatRole.Tool, ToolCallId = toolCallId, Content = text };

    /// <summary>The text, so a message reads as what it says at a console or in a string.</summary>
    public override string ToString() => Content?.ToString() ?? string.Empty;
}

/// <summary>The four roles the gateway accepts.</summary>
public static class ChatRole
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";

    public static readonly IReadOnlyList<string> All = new[] { System, User, Assistant, Tool };
}

/// <summary>One part of a multi-part message: text or an image.</summary>
public sealed class ContentPart
{
    /// <summary><c>text</c> or <c>image_url</c>.</summary>
    public string Type { get; set; } = "text";

    public string? Text { get; set; }

    public ImageUrl? ImageUrl { get; set; }

    public static ContentPart FromText(string text) => new() { Type = "text", Text = text };

    public static ContentPart FromImage(string url, string? detail = null) =>
        new() { Type = "image_url", ImageUrl = new ImageUrl { Url = url, Detail = detail } };

    public override string ToString() => Type == "text" ? Text ?? string.Empty : $"[image {ImageUrl}]";
}

public sealed class ImageUrl
{
    /// <summary>An https URL or a <c>data:&lt;mime&gt;;base64,…</c> URI.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary><c>auto</c>, <c>low</c> or <c>high</c>; left out when null.</summary>
    public string? Detail { get; set; }

    /// <summary>An https URL as it is; a data: URI as its type and size ("image/png, 12 KB"), not its base64.</summary>
    public override string ToString()
    {
        if (!Url.StartsWith("data:", System.StringComparison.OrdinalIgnoreCase))
            return Url;
        var comma = Url.IndexOf(',');
        var type = Url.Substring(5, (comma < 0 ? Url.Length : comma) - 5).Split(';')[0];
        var bytes = comma < 0 ? 0 : (Url.Length - comma - 1) * 3 / 4;
        return $"{(type.Length == 0 ? "data" : type)}, {(bytes < 1024 ? $"{bytes} bytes" : $"{bytes / 1024} KB")}";
    }
}
