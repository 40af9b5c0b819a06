using System;
using System.Collections;
using System.IO;
using System.Text.Json;
using Evolink.Errors;
using Evolink.Serialization;

namespace Evolink.Structured;

/// <summary>A JSON schema given as a hashtable, as JSON text, or as the path of a .json file.</summary>
public static class JsonSchemaSource
{
    public static JsonElement Load(object input, Func<string, string> resolvePath)
    {
        var schema = input switch
        {
            JsonElement element => element,
            IDictionary map => PlainData.ToJson(map),
            string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal) => Parse(text, "The JSON schema text"),
            string path => FromFile(path, resolvePath(path)),
            _ => throw Refused($"A JSON schema is given as a dictionary, JSON text or the path of a .json file, not a {input.GetType().Name}.", EvolinkRemedy.SchemaSource),
        };
        if (schema.ValueKind != JsonValueKind.Object)
            throw Refused("A JSON schema must be a JSON object.", EvolinkRemedy.SchemaShape);
        return schema;
    }

    private static JsonElement FromFile(string asGiven, string path)
    {
        if (!File.Exists(path))
            throw Refused($"The JSON schema '{asGiven}' is neither JSON text nor an existing file (looked for '{path}').", EvolinkRemedy.SchemaSource);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused($"The schema file '{asGiven}' could not be read: {ex.Message}");
        }
        return Parse(text, $"The schema file '{asGiven}'");
    }

    private static JsonElement Parse(string text, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Refused($"{what} is not valid JSON: {ex.Message}");
        }
    }

    private static EvolinkException Refused(string message, EvolinkRemedy remedy = EvolinkRemedy.None) => new(EvolinkErrorKind.InvalidInput, message, remedy: remedy);
}
