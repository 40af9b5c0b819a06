using System;
using System.Collections.Generic;
using System.Linq;
using Evolink.Errors;
using Evolink.ToolCalling;

namespace Evolink.Chat.Input;

/// <summary>Builds one message of any role, with images and tool calls, checking what each role needs.</summary>
public static class MessageBuilder
{
    public static ChatMessage Build(
        string role,
        string? content,
        IEnumerable<string>? images = null,
        string? imageDetail = null,
        string? toolCallId = null,
        string? name = null,
        IEnumerable<object>? toolCalls = null,
        Func<string, string>? resolvePath = null)
    {
        role = role.ToLowerInvariant();
        if (!ChatRole.All.Contains(role))
            throw Refused($"'{role}' is not a role; use system, user, assistant or tool.");
        var imageList = images?.ToList() ?? new List<string>();
        var calls = toolCalls?.Select(ToolInput.Call).ToList();
        if (role == ChatRole.Tool && string.IsNullOrWhiteSpace(toolCallId))
            throw Refused("A tool message answers a tool call and needs that call's id.", EvolinkRemedy.GiveToolCallId);
        if (calls is { Count: > 0 } && role != ChatRole.Assistant)
            throw Refused("Only an assistant message can carry tool calls.");
        if (imageList.Count > 0 && role is not (ChatRole.User or ChatRole.System))
            throw Refused("Images can only be part of a user (or system) message.");

        if (content is null && imageList.Count == 0 && calls is not { Count: > 0 })
            throw Refused($"A {role} message needs some content: text, images, or tool calls on an assistant message.", EvolinkRemedy.GiveContent);

        var message = new ChatMessage { Role = role, ToolCallId = toolCallId, Name = name, ToolCalls = calls is { Count: > 0 } ? calls : null };
        if (imageList.Count == 0)
        {
            message.Content = content is null && message.ToolCalls is not null ? null : new MessageContent(content ?? string.Empty);
            return message;
        }
        var parts = new List<ContentPart>();
        if (!string.IsNullOrEmpty(content))
            parts.Add(ContentPart.FromText(content!));
        var resolve = resolvePath ?? (path => System.IO.Path.GetFullPath(path));
        parts.AddRange(imageList.Select(image => ImageInput.ToPart(image, imageDetail, resolve)));
        message.Content = new MessageContent(parts);
        return message;
    }

    private static EvolinkException Refused(string message, EvolinkRemedy remedy = EvolinkRemedy.None) => new(EvolinkErrorKind.InvalidInput, message, remedy: remedy);
}
