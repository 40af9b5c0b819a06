using System.Text.Json;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>
/// <c>format</c>, asserted (a reply that is not a date-time where one was asked for is wrong), and refused when it
/// names a format the validator does not know: asserting it would pass anything, which is ignoring it.
/// </summary>
internal sealed class KnownFormat : IKeywordHandler
{
    private readonly IKeywordHandler _inner;

    public KnownFormat(IKeywordHandler inner) => _inner = inner;

    public string Name => _inner.Name;

    public object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && FormatRegistry.Global.Get(value.GetString()!) is UnknownFormat)
            throw new JsonSchemaException($"the format '{value.GetString()}' is not one Evolink can check (date-time, date, time, duration, email, hostname, ipv4, ipv6, uri, uri-reference, uuid, regex, json-pointer and the other formats of the specification are)");
        return _inner.ValidateKeywordValue(value);
    }

    public void BuildSubschemas(KeywordData keyword, BuildContext context) => _inner.BuildSubschemas(keyword, context);

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) => _inner.Evaluate(keyword, context);
}
