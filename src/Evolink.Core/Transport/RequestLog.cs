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

    public static string Describe(HttpRequestMessage request, byte[]? body)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').Append(request.RequestUri).AppendLine();
        text.AppendLine("Authorization: Bearer ***");
        foreach (var header in request.Headers.Where(h => h.Key != "Authorization"))
            text.Append(header.Key).Append(": ").AppendLine(string.Join(", ", header.Value));
        if (body is not null)
        {
            var json = Encoding.UTF8.GetString(body);
            text.Append(json.Length <= MaxBodyCharacters ? json : json.Substring(0, MaxBodyCharacters) + $"... ({json.Length} characters in all)");
        }
        return text.ToString();
    }
}
