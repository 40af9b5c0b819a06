using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Evolink.History;

/// <summary>Reading the history's lines: from the start, or from the end in blocks, and testing each against a query.</summary>
public sealed partial class HistoryStore
{
    private IEnumerable<string> ForwardLines()
    {
        using var reader = new StreamReader(Open(), Encoding.UTF8, false, 1 << 16);
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    /// <summary>The lines from the last to the first, read in blocks from the end (a line ends at a '\n' byte, which UTF-8 never uses inside a character).</summary>
    private IEnumerable<string> BackwardLines()
    {
        using var file = Open();
        var block = new byte[1 << 16];
        var carry = new List<byte>();
        var position = file.Length;
        while (position > 0)
        {
            var size = (int)Math.Min(block.Length, position);
            position -= size;
            file.Position = position;
            var read = 0;
            while (read < size)
                read += file.Read(block, read, size - read);
            var end = size;
            for (var i = size - 1; i >= 0; i--)
            {
                if (block[i] != (byte)'\n')
                    continue;
                var line = Line(block, i + 1, end, carry);
                if (line.Length > 0)
                    yield return line;
                end = i;
            }
            carry.InsertRange(0, new ArraySegment<byte>(block, 0, end));
        }
        if (carry.Count > 0)
            yield return Encoding.UTF8.GetString(carry.ToArray());
    }

    private static string Line(byte[] block, int start, int end, List<byte> carry)
    {
        if (carry.Count == 0)
            return Encoding.UTF8.GetString(block, start, end - start);
        var bytes = new byte[end - start + carry.Count];
        Buffer.BlockCopy(block, start, bytes, 0, end - start);
        carry.CopyTo(bytes, end - start);
        carry.Clear();
        return Encoding.UTF8.GetString(bytes);
    }

    private FileStream Open() => new(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);

    /// <summary>
    /// One query's test of one line: cheap looks at the raw text first (the
    /// search text, an error, the model's fixed part), then the parse, then
    /// the exact conditions.
    /// </summary>
    private sealed class LineTest
    {
        private readonly HistoryQuery _query;
        private readonly string? _text;
        private readonly string? _quickText;
        private readonly string? _quickModel;
        private readonly Regex? _model;

        public LineTest(HistoryQuery query)
        {
            _query = query;
            _text = string.IsNullOrEmpty(query.Text) ? null : query.Text;
            // The writer leaves text as it is except quotes, backslashes, control characters and characters beyond
            // the BMP (emoji), so a needle holding any of those skips the quick test.
            _quickText = _text is not null && _text.All(Plain) ? _text : null;
            _model = query.Model is null ? null : Wildcard(query.Model);
            _quickModel = query.Model?.Split('*', '?').OrderByDescending(p => p.Length).First() is { Length: > 0 } part && part.All(Plain) ? part : null;
        }

        public HistoryEntry? Read(string line)
        {
            if (line.Length == 0)
                return null;
            // A line with a \u escape of its own (a rare character the writer escaped) always goes on to the parse.
            var escaped = line.IndexOf("\\u", StringComparison.Ordinal) >= 0;
            if (!escaped && (Missing(line, _quickText) || Missing(line, _quickModel) || (_query.FailedOnly && Missing(line, "\"error_kind\":"))))
                return null;
            HistoryEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, Lines.HistoryEntry);
            }
            catch (JsonException)
            {
                return null;
            }
            return entry is not null && Matches(entry, _query, _text, _model) ? entry : null;
        }

        private static bool Plain(char c) => c >= ' ' && c != '"' && c != '\\' && !char.IsSurrogate(c);

        private static bool Missing(string line, string? part) => part is not null && line.IndexOf(part, StringComparison.OrdinalIgnoreCase) < 0;
    }
}
