using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>A chat request that passed validation, handed to a scenario.</summary>
public sealed class ChatCall
{
    public required HttpContext Http { get; init; }
    public required JsonObject Body { get; init; }
    public required string RequestId { get; init; }
    public required int Sequence { get; init; }

    /// <summary>The request's Idempotency-Key header, if any.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>1 for the first request with this idempotency key, 2 for its first retry, …</summary>
    public int Attempt { get; init; } = 1;

    public string Model => (string)Body["model"]!;

    public bool Stream => Body["stream"]?.GetValue<bool>() ?? false;

    /// <summary>The text of the last user message (text parts joined), what the echo model answers.</summary>
    public string LastUserText
    {
        get
        {
            var last = Body["messages"]!.AsArray().LastOrDefault(m => (string?)m?["role"] == "user");
            var content = last?["content"];
            if (content is JsonArray parts)
                return string.Join("\n", parts.Where(p => (string?)p?["type"] == "text").Select(p => (string?)p?["text"]));
            return content?.GetValue<string>() ?? string.Empty;
        }
    }

    /// <summary>
    /// Every message as one line, "role: text", with each image part as "[image data:image/png]" or
    /// "[image https://…]": what the transcript model answers, so a test in another process can see
    /// what was sent.
    /// </summary>
    public string Transcript => string.Join("\n", Body["messages"]!.AsArray().Select(m =>
    {
        var content = m?["content"];
        var text = content is JsonArray parts
            ? string.Join(" ", parts.Select(p => (string?)p?["type"] == "image_url" ? $"[image {ImageSource((string?)p?["image_url"]?["url"])}]" : (string?)p?["text"]))
            : content?.GetValue<string>() ?? string.Empty;
        return $"{(string?)m?["role"]}: {text}";
    }));

    private static string ImageSource(string? url) =>
        url is not null && url.StartsWith("data:", System.StringComparison.Ordinal) ? url.Substring(0, url.IndexOf(';') is var at and > 0 ? at : url.Length) : url ?? "";

    public int PromptWords => Body["messages"]!.AsArray().Sum(m => Words(m?["content"]?.ToJsonString()));

    public static int Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries).Length;
}
