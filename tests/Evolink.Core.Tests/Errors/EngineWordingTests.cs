using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Evolink.Testing;

namespace Evolink.Core.Tests;

/// <summary>
/// The engine speaks in its own terms; the module names its parameters and
/// commands (Evolink.Commands.Advice). A PowerShell parameter or cmdlet name
/// in an engine string would be advice in the wrong place.
/// </summary>
public sealed class EngineWordingTests
{
    // -PascalCase parameter names and Verb-Evolink* cmdlet names, inside string literals.
    private static readonly Regex PowerShellWords = new(@"""[^""\n]*?(?<word>(?<![\w-])-[A-Z][a-z]+[A-Z]\w*|\b[A-Z][a-z]+-Evolink\w+)[^""\n]*""");

    [Fact]
    public void No_engine_string_names_a_PowerShell_parameter_or_cmdlet()
    {
        var found = Directory.EnumerateFiles(RepositoryPaths.File("src", "Evolink.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => PowerShellWords.Matches(l.line).Select(m => $"{Path.GetFileName(l.path)}:{l.number}: {m.Groups["word"].Value}"))
            .ToList();
        Assert.True(found.Count == 0, "PowerShell wording in the engine:\n" + string.Join("\n", found));
    }
}
