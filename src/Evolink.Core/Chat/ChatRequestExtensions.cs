using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Evolink.Serialization;

namespace Evolink.Chat;

public static class ChatRequestExtensions
{
    /// <summary>Adds or replaces a top-level field sent as it is, such as <c>thinking</c>.</summary>
    public static void SetExtraField(this ChatRequest request, string name, object? value)
    {
        request.ExtraFields ??= new Dictionary<string, JsonElement>();
        request.ExtraFields[name] = PlainData.ToJson(value);
    }

    private static readonly HashSet<string> TypedNames =
        new(ChatJsonContext.Default.ChatRequest.Properties.Select(p => p.Name));

    /// <summary>
    /// The request's JSON. An extra field that shares a name with a typed
    /// field replaces it (so a user can send what the typed model cannot
    /// express) instead of writing the name twice.
    /// </summary>
    internal static byte[] ToUtf8Json(this ChatRequest request)
    {
        var extras = request.ExtraFields;
        if (extras is null || !extras.Keys.Any(TypedNames.Contains))
            return JsonSerializer.SerializeToUtf8Bytes(request, ChatJsonContext.Default.ChatRequest);
        var typed = request.Copy();
        typed.ExtraFields = null;
        var node = JsonSerializer.SerializeToNode(typed, ChatJsonContext.Default.ChatRequest)!.AsObject();
        foreach (var pair in extras)
            node[pair.Key] = JsonNode.Parse(pair.Value.GetRawText());
        return JsonSerializer.SerializeToUtf8Bytes(node, ChatJsonContext.Default.JsonObject);
    }
}
