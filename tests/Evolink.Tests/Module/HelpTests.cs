using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Evolink.HelpBuilder;
using Xunit;

namespace Evolink.Tests.Module;

/// <summary>
/// The help must describe the cmdlets exactly as compiled, and the shipped
/// MAML must be what the markdown makes: a change to either side that the
/// other does not follow fails here.
/// </summary>
public sealed class HelpTests
{
    private static readonly string Pages = RepositoryPaths.File("docs", "en-US");
    private static readonly List<CommandModel> Commands = CommandReader.Read(RepositoryPaths.ModuleAssembly);

    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var command in Commands)
            data.Add(command.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Each_page_matches_the_compiled_cmdlet_in_parameters_sets_pipeline_binding_and_defaults(string name)
    {
        var path = Path.Combine(Pages, name + ".md");
        Assert.True(File.Exists(path), $"{name} has no help page; run: dotnet run --project tools/Evolink.HelpBuilder");
        var written = File.ReadAllText(path).Replace("\r\n", "\n");

        var expected = MarkdownWriter.Write(Commands.Single(c => c.Name == name), HelpDocument.Parse(written));

        var line = FirstDifference(expected, written);
        Assert.True(line is null, $"docs/en-US/{name}.md is out of step with the cmdlet at line {line}; run: dotnet run --project tools/Evolink.HelpBuilder -- update");
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Each_page_is_written_out_with_at_least_three_examples_and_every_parameter_described(string name)
    {
        var text = File.ReadAllText(Path.Combine(Pages, name + ".md"));
        var page = HelpDocument.Parse(text);

        Assert.DoesNotContain(MarkdownWriter.Placeholder, text);
        Assert.False(string.IsNullOrWhiteSpace(page.Synopsis));
        Assert.False(string.IsNullOrWhiteSpace(page.Description));
        Assert.True(page.Examples.Count >= 3, $"{name} has {page.Examples.Count} examples");
        Assert.All(page.Examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Code)));
        Assert.All(page.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"-{p.Name} of {name} has no description"));
    }

    [Fact]
    public void There_is_no_page_for_a_cmdlet_that_does_not_exist()
    {
        var pages = Directory.GetFiles(Pages, "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n);

        Assert.Equal(Commands.Select(c => c.Name).OrderBy(n => n), pages);
    }

    [Fact]
    public void The_shipped_help_files_are_exactly_what_the_markdown_makes()
    {
        foreach (var (file, text) in HelpFiles.Build(Pages))
        {
            var shipped = RepositoryPaths.File("docs", "help", "en-US", file);
            Assert.True(File.Exists(shipped), $"{file} is missing; run: dotnet run --project tools/Evolink.HelpBuilder -- build");
            Assert.True(File.ReadAllText(shipped).Replace("\r\n", "\n") == text,
                $"docs/help/en-US/{file} has drifted from docs/en-US; run: dotnet run --project tools/Evolink.HelpBuilder -- build");
        }
    }

    [Fact]
    public void The_MAML_lists_every_cmdlet_with_its_parameters_and_one_syntax_per_parameter_set()
    {
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        var help = XDocument.Load(RepositoryPaths.File("docs", "help", "en-US", "Evolink.dll-Help.xml"));

        foreach (var cmdlet in Commands)
        {
            var entry = help.Descendants(command + "command").Single(c => c.Element(command + "details")!.Element(command + "name")!.Value == cmdlet.Name);
            var parameters = entry.Element(command + "parameters")!.Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value);
            Assert.Equal(cmdlet.Parameters.Select(p => p.Name).OrderBy(n => n), parameters.OrderBy(n => n));
            Assert.Equal(Math.Max(1, cmdlet.Sets.Count), entry.Element(command + "syntax")!.Elements(command + "syntaxItem").Count());
            Assert.True(entry.Element(command + "examples")!.Elements(command + "example").Count() >= 3);
        }
    }

    [Fact]
    public void The_about_topic_covers_what_a_user_needs_to_know()
    {
        var about = File.ReadAllText(RepositoryPaths.File("docs", "help", "en-US", "about_Evolink.help.txt"));

        foreach (var topic in new[] { "KEY RESOLUTION", "STREAMING", "CONVERSATIONS", "STRUCTURED OUTPUT", "TOOLS", "CONCURRENCY", "RETRIES AND TIMEOUTS", "CONFIGURATION", "TROUBLESHOOTING" })
            Assert.Contains(topic, about);
        Assert.All(about.Split('\n'), line => Assert.True(line.Length <= 80 || line.StartsWith("        ", StringComparison.Ordinal), $"too long: {line}"));
    }

    private static int? FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
                return i + 1;
        }
        return null;
    }
}
