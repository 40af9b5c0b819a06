using System.Text;
using ModelContextProtocol.Protocol;

namespace Evolink.Libraries.Mcp;

/// <summary>
/// A call's result as the text a chat model reads in a tool message: text as it is, the structured result as JSON
/// when there is no text, and what cannot be text (images, audio, binary resources) described with its type and size;
/// resource links listed. Gathered only up to a little past the limit, which the engine then enforces.
/// </summary>
internal static class McpContent
{
    public static string Text(CallToolResult result, int limit)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > limit)
                break;
            if (text.Length > 0)
                text.Append('\n');
            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image, {i.MimeType}, {Size(i.Data.Length)} bytes]",
                AudioContentBlock a => $"[audio, {a.MimeType}, {Size(a.Data.Length)} bytes]",
                ResourceLinkBlock l => $"[resource link: {l.Name} <{l.Uri}>{(l.MimeType is null ? "" : ", " + l.MimeType)}{(l.Description is null ? "" : " - " + l.Description)}]",
                EmbeddedResourceBlock { Resource: TextResourceContents r } => $"[resource <{r.Uri}>]\n{r.Text}",
                EmbeddedResourceBlock { Resource: BlobResourceContents b } => $"[resource <{b.Uri}>, {b.MimeType}, {Size(b.Blob.Length)} bytes]",
                _ => $"[{block.Type} content]",
            });
        }
        if (text.Length == 0 && result.StructuredContent is { } structured)
            text.Append(structured.GetRawText());
        return text.ToString();
    }

    /// <summary>Bytes in base64 text of this length.</summary>
    private static long Size(int base64Length) => base64Length / 4L * 3;
}
