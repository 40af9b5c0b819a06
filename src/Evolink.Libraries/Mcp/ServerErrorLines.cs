using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Evolink.Libraries.Mcp;

/// <summary>
/// The last few lines a server wrote to its standard error, kept to say why it failed. Bounded (a server may write
/// without end) and cleaned of control characters: they end up in an error message a person reads at a terminal.
/// </summary>
internal sealed class ServerErrorLines
{
    private const int Kept = 5;
    private const int Longest = 300;

    private readonly Queue<string> _lines = new();
    private readonly object _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(Clean(line.Length > Longest ? line.Substring(0, Longest) + "..." : line));
            while (_lines.Count > Kept)
                _lines.Dequeue();
        }
    }

    /// <summary>" It wrote: …" with the kept lines, or nothing.</summary>
    public string Tail()
    {
        lock (_gate)
            return _lines.Count == 0 ? string.Empty : " It wrote: " + string.Join(" | ", _lines.Where(l => l.Trim().Length > 0));
    }

    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
            clean.Append(char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? ' ' : c);
        return clean.ToString();
    }
}
