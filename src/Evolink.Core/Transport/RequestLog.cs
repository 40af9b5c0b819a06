using System.Linq;
using System.Net.Http;
using System.Text;

namespace Evolink.Transport;

/// <summary>
/// A request as the debug stream shows it. Written before the Authorization
/// header is set, so the key cannot be in it; the header is named with ***.
/// </summary>
internal static class RequestLog
{
    private const int MaxBodyCharacters = 4000;

    public static string Describe(HttpRequestMessage request, byte[]? body, string? bodyType = null)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').Append(request.RequestUri).AppendLine();
        text.AppendLine("Authorization: Bearer ***");
        foreach (var header in request.Headers.Where(h => h.Key != "Authorization"))
            text.Append(header.Key).Append(": ").AppendLine(string.Join(", ", header.Value));
        if (body is not null && bodyType is not null)
            text.Append(Summary(body, bodyType));
        else if (body is not null)
        {
            var json = Encoding.UTF8.GetString(body);
            text.Append(json.Length <= MaxBodyCharacters ? json : json.Substring(0, MaxBodyCharacters) + $"... ({json.Length} characters in all)");
        }
        return text.ToString();
    }

    /// <summary>
    /// A body that is not JSON (an uploaded image) in words: its size, type and digest, never its bytes, which could
    /// hold anything, escape sequences included.
    /// </summary>
    public static string Summary(byte[]? body, string bodyType)
    {
        var length = body?.Length ?? 0;
        using var sha = System.Security.Cryptography.SHA256.Create();
        var digest = System.BitConverter.ToString(sha.ComputeHash(body ?? System.Array.Empty<byte>()), 0, 8).Replace("-", string.Empty).ToLowerInvariant();
        var type = bodyType.Split(';')[0].Trim();
        return $"({length} bytes of {type}, sha256 {digest}…)";
    }
}
