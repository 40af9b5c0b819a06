using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Evolink.Errors;
using Evolink.Structured;
using Evolink.ToolCalling;

namespace Evolink.Chat.Input;

/// <summary>
/// Every request field a caller can set beside the messages, as the cmdlet's
/// parameters give them. Whatever is left null is not sent.
/// </summary>
public sealed class ChatOptions
{
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? TopK { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public double? FrequencyPenalty { get; set; }
    public double? PresencePenalty { get; set; }
    public IList<string>? Stop { get; set; }
    public int? Count { get; set; }
    public string? ReasoningEffort { get; set; }
    public long? Seed { get; set; }
    public bool? Logprobs { get; set; }
    public int? TopLogprobs { get; set; }

    /// <summary>Text or JsonObject.</summary>
    public string? ResponseFormat { get; set; }

    /// <summary>A hashtable, JSON text, or the path of a .json file.</summary>
    public object? JsonSchema { get; set; }
    public string? JsonSchemaName { get; set; }
    public bool? StrictSchema { get; set; }
    public IList<object>? Tools { get; set; }

    /// <summary>none, auto, required, or the name of one tool.</summary>
    public string? ToolChoice { get; set; }

    /// <summary>Any other top-level fields, sent as they are (they win over the fields above).</summary>
    public IDictionary? ExtraFields { get; set; }

    // Worked out on the first request and shared by the next ones: a batch reads its schema file and converts its tools once.
    private ResponseFormat? _format;
    private List<ToolDefinition>? _tools;
    private bool _prepared;

    /// <summary>Sets these fields on a request; the schema and the tools are read on the first call only, so set the options before it.</summary>
    public void ApplyTo(ChatRequest request, Func<string, string> resolvePath)
    {
        if (!_prepared)
        {
            _format = Format(resolvePath);
            _tools = Tools is { Count: > 0 } ? Tools.Select(ToolInput.Definition).ToList() : null;
            _prepared = true;
        }
        request.Temperature = Temperature;
        request.TopP = TopP;
        request.TopK = TopK;
        request.MaxTokens = MaxTokens;
        request.MaxCompletionTokens = MaxCompletionTokens;
        request.FrequencyPenalty = FrequencyPenalty;
        request.PresencePenalty = PresencePenalty;
        request.Stop = Stop is { Count: > 0 } ? Stop.ToList() : null;
        request.N = Count;
        request.ReasoningEffort = ReasoningEffort;
        request.Seed = Seed;
        // top_logprobs means nothing without logprobs, so asking for one turns the other on.
        request.Logprobs = Logprobs ?? (TopLogprobs is null ? null : true);
        request.TopLogprobs = TopLogprobs;
        request.ResponseFormat = _format;
        request.Tools = _tools;
        request.ToolChoice = ToolChoice is null ? null : Evolink.Chat.ToolChoice.Parse(ToolChoice);
        if (ExtraFields is not null)
        {
            foreach (DictionaryEntry entry in ExtraFields)
                request.SetExtraField(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!, entry.Value);
        }
    }

    private ResponseFormat? Format(Func<string, string> resolvePath)
    {
        if (JsonSchema is not null)
        {
            var schema = JsonSchemaSource.Load(JsonSchema, resolvePath);
            // Read now: a schema that cannot be checked is refused before anything is sent.
            SchemaChecks.For(schema);
            return new ResponseFormat
            {
                Type = "json_schema",
                JsonSchema = new JsonSchemaFormat
                {
                    Name = string.IsNullOrWhiteSpace(JsonSchemaName) ? "response" : JsonSchemaName!,
                    Schema = schema,
                    Strict = StrictSchema,
                },
            };
        }
        return ResponseFormat?.ToLowerInvariant() switch
        {
            null or "text" => null,
            "jsonobject" or "json_object" => new ResponseFormat { Type = "json_object" },
            _ => throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"'{ResponseFormat}' is not a response format; the formats are Text and JsonObject, or a JSON schema."),
        };
    }
}
