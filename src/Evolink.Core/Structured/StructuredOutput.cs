using System.Linq;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Serialization;

namespace Evolink.Structured;

/// <summary>
/// When a request asked for JSON, reads the reply's text as JSON into plain
/// data on <see cref="ChatResponse.Data"/>, checked against the schema if
/// one was given. A reply that is not JSON, or does not match, is an error
/// that keeps the reply (raw text included) on PartialResponse.
/// </summary>
public static class StructuredOutput
{
    public static void Apply(ChatResponse response, ResponseFormat? format) => Apply(response, format, SecretRedactor.None);

    /// <summary>As <see cref="Apply(ChatResponse, ResponseFormat?)"/>; the reply's values quoted in an error pass through <paramref name="redactor"/> (a model may echo the key).</summary>
    public static void Apply(ChatResponse response, ResponseFormat? format, SecretRedactor redactor)
    {
        if (format is null || format.Type is not ("json_object" or "json_schema"))
            return;
        var text = response.Text;
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(StripFence(text));
            value = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Fail(response, redactor.Redact($"The reply was asked to be JSON but is not ({ex.Message}). Its raw text is kept on the error's PartialResponse.Text.")!);
        }
        if (format.JsonSchema is { } schema)
        {
            var errors = SchemaChecks.For(schema.Schema).Check(value);
            if (errors.Count > 0)
                throw Fail(response, redactor.Redact($"The reply is JSON but does not match the schema '{schema.Name}': " +
                    string.Join("; ", errors.Take(10)) + (errors.Count > 10 ? $"; and {errors.Count - 10} more" : string.Empty) +
                    ". Its raw text is kept on the error's PartialResponse.Text.")!);
        }
        response.Data = PlainData.FromJson(value);
    }

    /// <summary>Some models wrap JSON in a ```json fence even in JSON mode; the fence is not part of the value.</summary>
    internal static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", System.StringComparison.Ordinal) || !trimmed.EndsWith("```", System.StringComparison.Ordinal) || trimmed.Length < 6)
            return text;
        var firstLineEnd = trimmed.IndexOf('\n');
        return firstLineEnd < 0 ? text : trimmed.Substring(firstLineEnd + 1, trimmed.Length - firstLineEnd - 4);
    }

    private static EvolinkException Fail(ChatResponse response, string message) =>
        new(EvolinkErrorKind.InvalidResponse, message) { RequestId = response.RequestId, PartialResponse = response };
}
