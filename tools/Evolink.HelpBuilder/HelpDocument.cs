using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Evolink.HelpBuilder;

public sealed record HelpExample(string Title, string Code, string Remarks);

public sealed class HelpParameter
{
    public required string Name { get; init; }
    public string Description { get; set; } = string.Empty;

    /// <summary>The yaml blocks, one per group of parameter sets that use the parameter alike.</summary>
    public List<Dictionary<string, string>> Blocks { get; } = new();
}

/// <summary>One PlatyPS markdown page, read section by section.</summary>
public sealed class HelpDocument
{
    public string Name { get; set; } = string.Empty;
    public string Synopsis { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public List<HelpExample> Examples { get; } = new();
    public List<HelpParameter> Parameters { get; } = new();
    public List<(string Type, string Description)> Inputs { get; } = new();
    public List<(string Type, string Description)> Outputs { get; } = new();
    public string Notes { get; set; } = string.Empty;
    public List<(string Text, string Uri)> Links { get; } = new();

    /// <summary>The parameter sets in the order SYNTAX shows them (the default first), as the page's headings name them.</summary>
    public List<string> SyntaxSets { get; } = new();

    public static HelpDocument Parse(string markdown)
    {
        var document = new HelpDocument();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var at = 0;
        if (lines.Length > 0 && lines[0] == "---")
        {
            at = 1;
            while (at < lines.Length && lines[at] != "---")
                at++;
            at++;
        }
        string? section = null;
        var body = new List<string>();
        void Flush()
        {
            if (section is not null)
                document.Take(section, body);
            body.Clear();
        }
        for (; at < lines.Length; at++)
        {
            var line = lines[at];
            if (line.StartsWith("# ", StringComparison.Ordinal) && section is null)
                document.Name = line.Substring(2).Trim();
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(3).Trim();
            }
            else
                body.Add(line);
        }
        Flush();
        return document;
    }

    private void Take(string section, List<string> body)
    {
        switch (section)
        {
            case "SYNOPSIS": Synopsis = Text(body); break;
            case "SYNTAX":
                SyntaxSets.AddRange(Subsections(body).Select(s => s.Title.Replace("(Default)", string.Empty).Trim()));
                break;
            case "DESCRIPTION": Description = Text(body); break;
            case "NOTES": Notes = Text(body); break;
            case "EXAMPLES":
                foreach (var (title, lines) in Subsections(body))
                {
                    var fence = lines.FindIndex(l => l.StartsWith("```", StringComparison.Ordinal));
                    var close = fence < 0 ? -1 : lines.FindIndex(fence + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                    var code = fence < 0 || close < 0 ? string.Empty : string.Join("\n", lines.Skip(fence + 1).Take(close - fence - 1));
                    Examples.Add(new HelpExample(title, code, Text(close < 0 ? lines : lines.Skip(close + 1).ToList())));
                }
                break;
            case "PARAMETERS":
                foreach (var (title, lines) in Subsections(body).Where(s => s.Title.StartsWith("-", StringComparison.Ordinal)))
                    Parameters.Add(ReadParameter(title.Substring(1), lines));
                break;
            case "INPUTS":
                Inputs.AddRange(Subsections(body).Select(s => (s.Title, Text(s.Lines))));
                break;
            case "OUTPUTS":
                Outputs.AddRange(Subsections(body).Select(s => (s.Title, Text(s.Lines))));
                break;
            case "RELATED LINKS":
                foreach (var line in body.Where(l => l.StartsWith("[", StringComparison.Ordinal)))
                {
                    var close = line.IndexOf("](", StringComparison.Ordinal);
                    if (close > 0)
                        Links.Add((line.Substring(1, close - 1), line.Substring(close + 2).TrimEnd(')')));
                }
                break;
        }
    }

    private static HelpParameter ReadParameter(string name, List<string> lines)
    {
        var parameter = new HelpParameter { Name = name };
        var description = new List<string>();
        Dictionary<string, string>? block = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("```yaml", StringComparison.Ordinal))
                block = new Dictionary<string, string>();
            else if (block is not null && line.StartsWith("```", StringComparison.Ordinal))
            {
                parameter.Blocks.Add(block);
                block = null;
            }
            else if (block is not null)
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                    block[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
            else if (parameter.Blocks.Count == 0)
                description.Add(line);
        }
        parameter.Description = Text(description);
        return parameter;
    }

    private static List<(string Title, List<string> Lines)> Subsections(List<string> body)
    {
        var result = new List<(string, List<string>)>();
        foreach (var line in body)
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
                result.Add((line.Substring(4).Trim(), new List<string>()));
            else if (result.Count > 0)
                result[result.Count - 1].Item2.Add(line);
        }
        return result;
    }

    /// <summary>Paragraph text with the blank lines around it trimmed.</summary>
    public static string Text(IEnumerable<string> lines) => string.Join("\n", lines).Trim('\n', ' ');
}
