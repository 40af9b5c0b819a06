using System.Linq;
using System.Text;

namespace Evolink.Errors;

/// <summary>
/// Messages built from pieces, some of them another library's or the
/// network's words: each piece ends as a sentence before the next begins,
/// so "Connection refused" and "Check the network." never run together, and a
/// piece that already ends in a full stop gets no second one.
/// </summary>
public static class Sentences
{
    /// <summary>The pieces that have text, each ended as a sentence, joined by spaces.</summary>
    public static string Join(params string?[] pieces)
    {
        var text = new StringBuilder();
        foreach (var piece in pieces.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (text.Length > 0)
                text.Append(' ');
            text.Append(End(piece!));
        }
        return text.ToString();
    }

    /// <summary>The text trimmed, with a full stop unless it already ends a sentence (. ! ? or a closing quote or bracket after one).</summary>
    public static string End(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return trimmed;
        var last = trimmed.Length - 1;
        while (last > 0 && trimmed[last] is '"' or '\'' or ')' or ']' or '»' or '”')
            last--;
        return trimmed[last] is '.' or '!' or '?' or ':' or '…' ? trimmed : trimmed + ".";
    }
}
