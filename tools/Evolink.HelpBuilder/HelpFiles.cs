using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Evolink.HelpBuilder;

/// <summary>The files the module ships in en-US/, made from the markdown pages.</summary>
public static class HelpFiles
{
    public static IEnumerable<(string Name, string Text)> Build(string markdownFolder)
    {
        var pages = Directory.GetFiles(markdownFolder, "*-*.md").Select(f => HelpDocument.Parse(File.ReadAllText(f)));
        yield return ("Evolink.dll-Help.xml", MamlWriter.Write(pages));
        foreach (var about in Directory.GetFiles(markdownFolder, "about_*.md").OrderBy(f => f, StringComparer.Ordinal))
            yield return (Path.GetFileNameWithoutExtension(about) + ".help.txt", AboutWriter.Write(File.ReadAllText(about)));
    }
}
