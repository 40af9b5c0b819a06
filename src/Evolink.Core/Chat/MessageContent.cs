using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Evolink.Chat;

/// <summary>
/// A message's content: the wire format allows a plain string or an array of
/// parts. Kept as one type so that <c>$message.Content</c> reads as text at a
/// console whichever form it has.
/// </summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed class MessageContent
{
    public MessageContent(string text) => Text = text;

    public MessageContent(IEnumerable<ContentPart> parts) => Parts = parts.ToList();

    /// <summary>Set when the content is a plain string.</summary>
    public string? Text { get; }

    /// <summary>Set when the content is a list of parts, in order.</summary>
    public IReadOnlyList<ContentPart>? Parts { get; }

    public static implicit operator MessageContent(string text) => new(text);

    public override string ToString() =>
        Text ?? string.Join("\n", (Parts ?? new List<ContentPart>()).Where(p => p.Type == "text").Select(p => p.Text));
}
