using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Evolink.Replay;

/// <summary>
/// Two request bodies side by side as a person reads a diff: each indented
/// line only in the recorded one marked "-", only in the sent one "+". A
/// handful of changed lines is what a miss usually comes down to (an edited
/// prompt, another model, another option); long bodies are cut to the changes.
/// </summary>
internal static class RequestDiff
{
    private const int MaximumLinesShown = 24;
    private const int MaximumLinesCompared = 2000;

    public readonly struct Result
    {
        public Result(int changed, string text)
        {
            Changed = changed;
            Text = text;
        }

        /// <summary>How many lines differ.</summary>
        public int Changed { get; }

        public string Text { get; }
    }

    public static Result Between(string recorded, string sent)
    {
        var before = Lines(recorded);
        var after = Lines(sent);
        // Longest common subsequence of lines: small bodies, so the plain table is enough.
        var table = new int[before.Length + 1, after.Length + 1];
        for (var i = before.Length - 1; i >= 0; i--)
            for (var j = after.Length - 1; j >= 0; j--)
                table[i, j] = before[i] == after[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
        var changes = new List<string>();
        int a = 0, b = 0;
        while (a < before.Length || b < after.Length)
        {
            if (a < before.Length && b < after.Length && before[a] == after[b])
            {
                a++;
                b++;
            }
            else if (a < before.Length && (b == after.Length || table[a + 1, b] >= table[a, b + 1]))
            {
                changes.Add("- " + before[a++]);
            }
            else
            {
                changes.Add("+ " + after[b++]);
            }
        }
        var shown = changes.Take(MaximumLinesShown).ToList();
        if (changes.Count > shown.Count)
            shown.Add($"  ... and {changes.Count - shown.Count} more changed line(s)");
        return new Result(changes.Count, string.Join("\n", shown));
    }

    /// <summary>The body indented one property a line (JSON), or as it is when it is not JSON.</summary>
    private static string[] Lines(string body)
    {
        string text;
        try
        {
            using var document = JsonDocument.Parse(body);
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                document.WriteTo(writer);
            text = Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            text = body;
        }
        return text.Replace("\r\n", "\n").Split('\n').Take(MaximumLinesCompared).ToArray();
    }
}
