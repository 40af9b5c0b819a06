using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeEvolink;

/// <summary>
/// Splits a whole completion into the chunks a real gateway would stream for
/// it, so that reassembling them must give the completion back.
/// </summary>
public static class StreamChunks
{
    public static List<JsonObject> From(JsonObject completion, StreamPlan plan, bool includeUsage)
    {
        var perChoice = completion["choices"]!.AsArray()
            .Select(choice => ForChoice(choice!.AsObject(), plan).Select(c => Wrap(completion, c)).ToList())
            .ToList();
        var chunks = Interleave(perChoice);
        if (includeUsage && completion["usage"] is JsonNode usage)
        {
            var last = Wrap(completion, null);
            last["usage"] = usage.DeepClone();
            chunks.Add(last);
        }
        return chunks;
    }

    private static IEnumerable<JsonObject> ForChoice(JsonObject choice, StreamPlan plan)
    {
        var index = (int)choice["index"]!;
        var message = choice["message"]!.AsObject();
        var content = (string?)message["content"];
        var first = new JsonObject { ["role"] = "assistant" };
        if (content is not null)
            first["content"] = string.Empty;
        yield return Choice(index, first);
        if ((string?)message["reasoning_content"] is { } reasoning)
        {
            foreach (var piece in Pieces(reasoning, plan.PieceLength))
                yield return Choice(index, new JsonObject { ["reasoning_content"] = piece });
        }
        if (content is not null)
        {
            foreach (var piece in Pieces(content, plan.PieceLength))
                yield return Choice(index, new JsonObject { ["content"] = piece });
        }
        if (message["tool_calls"] is JsonArray calls)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                var call = calls[i]!;
                var start = new JsonObject
                {
                    ["id"] = (string?)call["id"],
                    ["type"] = (string?)call["type"],
                    ["function"] = new JsonObject { ["name"] = (string?)call["function"]!["name"], ["arguments"] = string.Empty },
                };
                if (!plan.OmitToolIndex)
                    start["index"] = i;
                yield return Choice(index, new JsonObject { ["tool_calls"] = new JsonArray(start) });
                foreach (var piece in Pieces((string)call["function"]!["arguments"]!, plan.PieceLength))
                {
                    var fragment = new JsonObject { ["function"] = new JsonObject { ["arguments"] = piece } };
                    if (!plan.OmitToolIndex)
                        fragment["index"] = i;
                    yield return Choice(index, new JsonObject { ["tool_calls"] = new JsonArray(fragment) });
                }
            }
        }
        var end = Choice(index, new JsonObject());
        end["finish_reason"] = (string?)choice["finish_reason"];
        yield return end;
    }

    private static JsonObject Choice(int index, JsonObject delta) =>
        new() { ["index"] = index, ["delta"] = delta, ["finish_reason"] = null };

    private static JsonObject Wrap(JsonObject completion, JsonObject? choice) => new()
    {
        ["id"] = (string?)completion["id"],
        ["object"] = "chat.completion.chunk",
        ["created"] = (long?)completion["created"],
        ["model"] = (string?)completion["model"],
        ["system_fingerprint"] = (string?)completion["system_fingerprint"],
        ["choices"] = choice is null ? new JsonArray() : new JsonArray(choice),
    };

    /// <summary>Choices take turns, as they do when n > 1.</summary>
    private static List<JsonObject> Interleave(List<List<JsonObject>> lists)
    {
        var result = new List<JsonObject>();
        for (var i = 0; i < lists.Max(l => l.Count); i++)
            result.AddRange(lists.Where(l => i < l.Count).Select(l => l[i]));
        return result;
    }

    public static IEnumerable<string> Pieces(string text, int length)
    {
        var at = 0;
        while (at < text.Length)
        {
            var take = Math.Min(length, text.Length - at);
            // Never split a surrogate pair: each piece must be valid text on its own.
            if (at + take < text.Length && char.IsHighSurrogate(text[at + take - 1]))
                take++;
            yield return text.Substring(at, take);
            at += take;
        }
    }
}
