using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// docs/README.md's table of folders is a newcomer's map: it names every
/// folder of the repository and no folder that is gone, and the engine types
/// it names exist where it says.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class DocsMapTests : ModuleTest
{
    public DocsMapTests(ModuleEnvironment env) : base(env) { }

    private static readonly string[] NotSource = { "bin", "obj", ".git", "output", "TestResults", "node_modules" };

    private static readonly Regex Row = new(@"^\| `(?<folder>[^`]+)` \| (?<holds>.*) \|$", RegexOptions.Multiline);

    private static (string Folder, string Holds)[] Rows() =>
        Row.Matches(File.ReadAllText(RepositoryPaths.File("docs", "README.md"))).Select(m => (m.Groups["folder"].Value, m.Groups["holds"].Value)).ToArray();

    [Fact]
    public void Every_folder_is_in_the_map_and_every_folder_in_the_map_exists()
    {
        var root = RepositoryPaths.Root;
        var folders = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.Split('/').Any(part => NotSource.Contains(part)))
            // A folder holds something of the repository's own: a file, not only build output.
            .Where(path => Directory.EnumerateFiles(Path.Combine(root, path), "*", SearchOption.AllDirectories)
                .Any(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => NotSource.Contains(part))))
            .ToHashSet();
        var mapped = Rows().Select(r => r.Folder).ToHashSet();

        Assert.True(folders.SetEquals(mapped),
            "Not in docs/README.md: " + string.Join(", ", folders.Except(mapped).OrderBy(f => f, StringComparer.Ordinal)) +
            "\nIn docs/README.md but not in the tree: " + string.Join(", ", mapped.Except(folders).OrderBy(f => f, StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_engine_type_the_map_names_is_a_public_type_of_that_folder_s_namespace()
    {
        // The engine as the imported module loaded it (loading another copy here would clash with it).
        var engine = (System.Reflection.Assembly)Shell.Value("[Evolink.EvolinkClient].Assembly")!;
        var missing = Rows()
            .Where(r => r.Folder.StartsWith("src/Evolink.Core/", StringComparison.Ordinal))
            .SelectMany(r =>
            {
                var ns = "Evolink." + r.Folder.Substring("src/Evolink.Core/".Length).Replace('/', '.');
                // Names in backticks outside parentheses are types; inside them, a type's members.
                var outside = Regex.Replace(r.Holds, @"\([^)]*\)", string.Empty);
                return Regex.Matches(outside, @"`([A-Z]\w+)`").Select(m => m.Groups[1].Value)
                    .Where(name => (engine.GetType(ns + "." + name) ?? engine.GetType(ns + "." + name + "`1")) is not { IsPublic: true })
                    .Select(name => $"{r.Folder}: {ns}.{name}");
            })
            .ToList();

        Assert.True(missing.Count == 0, "docs/README.md names types that are not there:\n" + string.Join("\n", missing));
    }
}
