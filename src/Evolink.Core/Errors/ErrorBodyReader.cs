using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Evolink.Errors;

/// <summary>
/// Reads an error reply. The documented shape is
/// <c>{"error":{"code","message","type","param","request_id",…}}</c>, but a
/// proxy may answer with HTML or nothing at all, so nothing here may throw.
/// </summary>
internal static class ErrorBodyReader
{
    private const int SnippetLength = 200;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "code", "message", "type", "param", "request_id",
    };

    /// <summary>The error object, with the key taken out of every field.</summary>
    public static GatewayError Read(byte[] body, SecretRedactor redactor) => redactor.Redact(ReadRaw(body));

    private static GatewayError ReadRaw(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
                return FromErrorElement(error, root);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // Not JSON, or JSON with text that is not UTF-8: reported below by its first bytes.
        }
        return new GatewayError { Message = SnippetRaw(body) };
    }

    private static GatewayError FromErrorElement(JsonElement error, JsonElement root)
    {
        if (error.ValueKind == JsonValueKind.String)
            return new GatewayError { Message = error.GetString() };
        if (error.ValueKind != JsonValueKind.Object)
            return new GatewayError { Message = error.ToString() };

        var details = new Dictionary<string, object?>();
        foreach (var property in error.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
                details[property.Name] = PlainData.FromJson(property.Value);
        }
        return new GatewayError
        {
            Code = Text(error, "code"),
            Message = Text(error, "message"),
            Type = Text(error, "type"),
            Param = Text(error, "param"),
            RequestId = Text(error, "request_id") ?? Text(root, "request_id"),
            Details = details,
        };
    }

    /// <summary>A field as text whether the gateway sent a string or a number.</summary>
    private static string? Text(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    /// <summary>The first bytes of a body, for a message a person can read.</summary>
    public static string Snippet(byte[] body, SecretRedactor redactor) => redactor.Redact(SnippetRaw(body))!;

    private static string SnippetRaw(byte[] body)
    {
        if (body.Length == 0)
            return "(empty body)";
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetLength * 4));
        text = text.Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.Length <= SnippetLength ? text : text.Substring(0, SnippetLength) + "...";
    }
}
