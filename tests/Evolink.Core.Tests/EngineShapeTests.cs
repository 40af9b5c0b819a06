using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Evolink.Testing;
using Xunit;

namespace Evolink.Core.Tests;

/// <summary>
/// How the engine is built, checked against its source: each folder one
/// namespace, each file naming the namespaces it uses (no global usings),
/// no cycle between namespaces, and no public member named like a namespace.
/// </summary>
public sealed class EngineShapeTests
{
    private static readonly string Engine = RepositoryPaths.File("src", "Evolink.Core");

    private sealed record SourceFile(string Path, string Namespace, string Code);

    private static IReadOnlyList<SourceFile> Files() => Directory.EnumerateFiles(Engine, "*.cs", SearchOption.AllDirectories)
        .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
        .Select(path =>
        {
            var text = File.ReadAllText(path);
            var ns = Regex.Match(text, @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value;
            return new SourceFile(Path.GetRelativePath(Engine, path), ns, WithoutCommentsAndStrings(text));
        })
        .ToList();

    /// <summary>Comments and string literals removed: a word in a sentence is no dependency.</summary>
    private static string WithoutCommentsAndStrings(string text)
    {
        text = Regex.Replace(text, @"//.*", string.Empty);
        text = Regex.Replace(text, @"/\*.*?\*/", string.Empty, RegexOptions.Singleline);
        text = Regex.Replace(text, "\"\"\".*?\"\"\"", "\"\"", RegexOptions.Singleline);
        return Regex.Replace(text, "@?\\$?\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"");
    }

    /// <summary>Which engine namespaces each namespace uses: its files' using directives, names qualified with a namespace, and the root namespace's types (visible everywhere without a using).</summary>
    private static Dictionary<string, HashSet<string>> Graph(IReadOnlyList<SourceFile> files)
    {
        var namespaces = files.Select(f => f.Namespace).ToHashSet();
        var rootTypes = files.Where(f => f.Namespace == "Evolink")
            .SelectMany(f => Regex.Matches(f.Code, @"(?:class|struct|interface|enum|record)\s+(\w+)").Select(m => m.Groups[1].Value))
            .ToList();
        var graph = namespaces.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var file in files)
        {
            var uses = graph[file.Namespace];
            foreach (Match m in Regex.Matches(file.Code, @"^using (Evolink(?:\.\w+)*);", RegexOptions.Multiline))
                uses.Add(m.Groups[1].Value);
            var body = Regex.Replace(file.Code, @"^(using|namespace) .*$", string.Empty, RegexOptions.Multiline);
            foreach (var other in namespaces.Where(n => n != "Evolink"))
            {
                var relative = other.Substring("Evolink.".Length);
                if (Regex.IsMatch(body, $@"(?<![\w.])(?:global::)?(?:Evolink\.)?{Regex.Escape(relative)}\.[A-Z]"))
                    uses.Add(other);
            }
            if (file.Namespace != "Evolink" && rootTypes.Any(type => Regex.IsMatch(body, $@"(?<![\w.]){type}\b")))
                uses.Add("Evolink");
            uses.Remove(file.Namespace);
        }
        return graph;
    }

    [Fact]
    public void Each_folder_is_one_namespace_named_after_it()
    {
        var wrong = Files()
            .Where(f => f.Namespace != "Evolink" + string.Concat(Path.GetDirectoryName(f.Path)!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Select(p => "." + p)))
            .Select(f => $"{f.Path}: {f.Namespace}")
            .ToList();
        Assert.True(wrong.Count == 0, "Files whose namespace is not their folder's:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_file_gets_a_namespace_it_does_not_name()
    {
        var project = File.ReadAllText(Path.Combine(Engine, "Evolink.Core.csproj"));
        Assert.DoesNotContain("<Using ", project);
        Assert.DoesNotContain(Files(), f => Regex.IsMatch(f.Code, @"^global using", RegexOptions.Multiline));
    }

    [Fact]
    public void The_namespaces_depend_on_each_other_without_a_cycle()
    {
        var graph = Graph(Files());
        var cycles = new List<string>();
        foreach (var start in graph.Keys)
        {
            // A path from a namespace back to itself is a cycle; each is reported once, from its smallest name.
            var path = new Stack<string>();
            void Walk(string node)
            {
                foreach (var next in graph[node].Where(graph.ContainsKey))
                {
                    if (next == start)
                    {
                        var cycle = path.Reverse().Prepend(start).Append(start).ToList();
                        if (cycle.Take(cycle.Count - 1).Min(StringComparer.Ordinal) == start)
                            cycles.Add(string.Join(" -> ", cycle));
                    }
                    else if (!path.Contains(next) && string.CompareOrdinal(next, start) > 0)
                    {
                        path.Push(next);
                        Walk(next);
                        path.Pop();
                    }
                }
            }
            Walk(start);
        }
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles.Distinct()));
        // The layers at the bottom stand on nothing above them.
        Assert.Empty(graph["Evolink.Serialization"]);
        Assert.Equal(new[] { "Evolink.Serialization" }, graph["Evolink.Chat"]);
    }

    [Fact]
    public void No_property_is_named_like_a_namespace_its_own_namespace_uses()
    {
        // Inside such a type the property hides the namespace: its code would have to spell the namespace out in full.
        var graph = Graph(Files());
        var assembly = typeof(Evolink.EvolinkClient).Assembly;
        var clashes = assembly.GetExportedTypes()
            .Where(t => t.Namespace is not null && graph.ContainsKey(t.Namespace))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => !ImplementsInterface(t, p))
                .Where(p => graph[t.Namespace!].Any(used => used.Split('.').Skip(1).Contains(p.Name)))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();
        Assert.True(clashes.Count == 0, "Properties named like a namespace their type uses:\n" + string.Join("\n", clashes));
    }

    /// <summary>A property an interface asks for (IWebProxy.Credentials) keeps the interface's name.</summary>
    private static bool ImplementsInterface(Type type, PropertyInfo property) =>
        type.GetInterfaces().Any(i => i.GetProperty(property.Name) is not null);
}
