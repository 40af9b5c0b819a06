using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Evolink.Testing;

namespace Evolink.Module.Tests;

/// <summary>
/// The examples users read: every "### Example" of every page in docs/en-US
/// and every PowerShell block of the README, read from the files at test
/// time, so an example added later is run too. An example that needs what a
/// test cannot offer says so in its remarks with &lt;!-- test: not run: why --&gt;;
/// it is still parsed.
/// </summary>
public static class DocumentedExamples
{
    public sealed record Example(string Source, string Title, string Script, string? NotRunBecause)
    {
        public override string ToString() => $"{Source}: {Title}";
    }

    public static string RepositoryRoot => RepositoryPaths.Root;

    public static IEnumerable<Example> HelpPages() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "docs", "en-US"), "*.md").OrderBy(p => p, StringComparer.Ordinal)
            .SelectMany(path => FromPage(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)));

    public static IEnumerable<Example> Readme()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        var number = 0;
        foreach (Match block in Regex.Matches(text, "```powershell\\n(.*?)```\\n(?:\\s*<!-- test: not run: (.*?) -->)?", RegexOptions.Singleline))
            yield return new Example("README.md", $"block {++number}", block.Groups[1].Value, block.Groups[2].Success ? block.Groups[2].Value : null);
    }

    private static IEnumerable<Example> FromPage(string page, string markdown)
    {
        var examples = Section(markdown, "## EXAMPLES");
        foreach (Match example in Regex.Matches(examples, "^### (?<title>.+?)\\n(?<body>.*?)(?=^### |\\z)", RegexOptions.Singleline | RegexOptions.Multiline))
        {
            var body = example.Groups["body"].Value;
            var code = Regex.Match(body, "```powershell\\n(.*?)```", RegexOptions.Singleline);
            if (!code.Success)
                throw new InvalidOperationException($"{page}: '{example.Groups["title"].Value}' has no powershell code block.");
            var notRun = Regex.Match(body, "<!-- test: not run: (.*?) -->");
            yield return new Example(page, example.Groups["title"].Value.Trim(), WithoutPrompts(code.Groups[1].Value), notRun.Success ? notRun.Groups[1].Value : null);
        }
    }

    /// <summary>The text a user would type: "PS C:\> " prompts taken off, continuation lines kept.</summary>
    private static string WithoutPrompts(string code) =>
        string.Join("\n", code.Split('\n').Select(line => Regex.Replace(line, "^PS [^>]*> ", string.Empty)));

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
            return string.Empty;
        var end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return markdown.Substring(start + heading.Length + 1, (end < 0 ? markdown.Length : end) - start - heading.Length - 1);
    }
}
