using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace FakeEvolink;

/// <summary>
/// The model behind "fake-fill": it answers a request whose response format
/// asks for rows (as Add-EvolinkProperty sends them) by filling every
/// property of every record from the record's own text, the same way each
/// time. Marks in a record's text script its faults: "[skip]" leaves it out
/// always, "[skip-once]" leaves it out when it is not alone in the request,
/// "[bad]" answers it with values the schema does not allow, "[twice]"
/// answers it twice. Tokens are counted as a quarter of the bytes, the
/// response format included, so a batch's saving shows in the usage.
/// </summary>
public static class FillModel
{
    /// <summary>Whether the request asks for rows by the schema Add-EvolinkProperty sends.</summary>
    public static bool Asked(ChatCall call) => (string?)call.Body["response_format"]?["json_schema"]?["name"] == "evolink_properties";

    public static JsonObject Answer(ChatCall call)
    {
        var row = call.Body["response_format"]?["json_schema"]?["schema"]?["properties"]?["rows"]?["items"]?["properties"] as JsonObject;
        var records = JsonNode.Parse(call.LastUserText) as JsonArray;
        if (row is null || records is null)
            return GatewayReplies.Completion(call, "I was not asked for rows.");
        var answers = new JsonArray();
        foreach (var record in records.OfType<JsonObject>())
        {
            var text = record.ToJsonString();
            if (text.Contains("[skip]", StringComparison.Ordinal) || text.Contains("[skip-once]", StringComparison.Ordinal) && records.Count > 1)
                continue;
            var bad = text.Contains("[bad]", StringComparison.Ordinal);
            var answer = new JsonObject { ["_row"] = record["_row"]!.DeepClone() };
            foreach (var (name, schema) in row)
            {
                if (name != "_row")
                    answer[name] = bad ? "not what was asked" : Value(schema!, text, record);
            }
            answers.Add(answer);
            if (text.Contains("[twice]", StringComparison.Ordinal))
                answers.Add(answer.DeepClone());
        }
        var content = new JsonObject { ["rows"] = answers }.ToJsonString();
        var completion = GatewayReplies.Completion(call, content);
        var prompt = Quarter(call.Body["messages"]!.ToJsonString() + call.Body["response_format"]!.ToJsonString());
        completion["usage"] = GatewayReplies.Usage(prompt, Quarter(content));
        return completion;
    }

    private static int Quarter(string text) => (Encoding.UTF8.GetByteCount(text) + 3) / 4;

    /// <summary>A value of the property's schema, from the record: the first allowed value its text names, a number from its length, and so on.</summary>
    private static JsonNode? Value(JsonNode schema, string text, JsonObject record)
    {
        if (schema["anyOf"] is JsonArray any)
            return Value(any[0]!, text, record);
        if (schema["allOf"] is JsonArray all)
            return Value(all[0]!, text, record);
        if (schema["enum"] is JsonArray choices)
        {
            var allowed = choices.Where(c => c is not null).Select(c => (string)c!).ToList();
            return allowed.FirstOrDefault(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)) ?? allowed[^1];
        }
        var type = schema["type"] is JsonArray types ? (string?)types[0] : (string?)schema["type"];
        var first = record.Where(p => p.Key != "_row").Select(p => p.Value?.ToString() ?? "").FirstOrDefault() ?? "";
        return type switch
        {
            "integer" => text.Length % 5 + 1,
            "number" => text.Length / 10.0,
            "boolean" => text.Contains("urgent", StringComparison.OrdinalIgnoreCase),
            "string" when (string?)schema["format"] == "date-time" => "2026-12-07T09:30:00Z",
            "string" => "About: " + (first.Length > 40 ? first[..40] : first),
            "array" => new JsonArray(schema["items"]?["enum"]?[0]?.DeepClone() ?? "item"),
            "object" => new JsonObject(),
            _ => null,
        };
    }
}
