using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Evolink.HelpBuilder;

/// <summary>Where the help builder finds the repository, the built module and the build's parameter summaries.</summary>
internal static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Evolink.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>output/Evolink/&lt;version&gt;/Evolink.psd1, as ./build.ps1 lays the module out.</summary>
    public static string BuiltModule(string root)
    {
        var version = Regex.Match(File.ReadAllText(Path.Combine(root, "Evolink.psd1")), @"ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value;
        var manifest = Path.Combine(root, "output", "Evolink", version, "Evolink.psd1");
        if (!File.Exists(manifest))
            throw new FileNotFoundException($"The module is not built at {manifest}; run: dotnet pwsh ./build.ps1, or give the path of a built Evolink.psd1.");
        return manifest;
    }

    /// <summary>The XML documentation of the cmdlet assembly from the newest build, if there is one.</summary>
    public static string? Summaries(string root) =>
        new[] { "Release", "Debug" }
            .Select(c => Path.Combine(root, "src", "Evolink", "bin", c, "netstandard2.0", "Evolink.xml"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
}
