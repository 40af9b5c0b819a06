using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Serialization;

namespace Evolink.Transport;

/// <summary>
/// Reads an error reply. The documented shape is
/// <c>{"error":{"code","message","type","param","request_id",…}}</c>, but a
/// proxy may answer with HTML or nothing at all, so nothing here may throw.
/// </summary>
internal static class ErrorBodyReader
{
    /// <summary>An error body is read this far for its message; the rest is never downloaded.</summary>
    public const int MaximumBytes = 64 * 1024;

    private const int SnippetLength = 200;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "code", "message", "type", "param", "request_id",
    };

    /// <summary>The error object, with the key taken out of every field (a body that is not one: its first words, masked, then cut).</summary>
    public static GatewayError Read(byte[] body, SecretRedactor redactor) => redactor.Redact(ReadRaw(body, redactor));

    private static GatewayError ReadRaw(byte[] body, SecretRedactor redactor)
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
        return new GatewayError { Message = Snippet(body, redactor) };
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

    /// <summary>
    /// The first words of a body, for a message a person can read: the key is masked in all of what was
    /// read before it is cut, so a key that straddles the cut cannot leave a piece of itself behind.
    /// </summary>
    public static string Snippet(byte[] body, SecretRedactor redactor)
    {
        if (body.Length == 0)
            return "(empty body)";
        // What was read is already bounded (MaximumBytes); all of it is masked, then cut.
        return Cut(redactor.Redact(Encoding.UTF8.GetString(body))!);
    }

    /// <summary>Text already masked, on one line and cut to the snippet's length.</summary>
    public static string Cut(string masked)
    {
        var text = masked.Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.Length <= SnippetLength ? text : text.Substring(0, SnippetLength) + "...";
    }
}
