using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Evolink.HelpBuilder;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// The help: Get-Help answers from the shipped MAML and about topic, as a user at a console asks it;
/// the markdown pages describe the cmdlets exactly as PowerShell loaded them; the shipped files are
/// exactly what the markdown makes. A change to one side that the other does not follow fails here.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class HelpTests : ModuleTest
{
    private static readonly string Pages = Path.Combine(DocumentedExamples.RepositoryRoot, "docs", "en-US");
    private static readonly string Shipped = Path.Combine(DocumentedExamples.RepositoryRoot, "docs", "help", "en-US");

    public HelpTests(ModuleEnvironment env) : base(env) { }

    private List<CommandModel> Commands() => CommandReader.Read(Shell.Runspace);

    [Fact]
    public void Each_page_matches_its_cmdlet_in_parameters_sets_pipeline_binding_and_defaults()
    {
        var commands = Commands();
        Assert.Equal(29, commands.Count);
        foreach (var command in commands)
        {
            var path = Path.Combine(Pages, command.Name + ".md");
            Assert.True(File.Exists(path), $"{command.Name} has no help page; run: dotnet pwsh ./build.ps1 -Task Help");
            var written = File.ReadAllText(path).Replace("\r\n", "\n");
            var expected = MarkdownWriter.Write(command, HelpDocument.Parse(written));
            var line = FirstDifference(expected, written);
            Assert.True(line is null, $"docs/en-US/{command.Name}.md is out of step with the cmdlet at line {line}; run: dotnet pwsh ./build.ps1 -Task Help");
        }
    }

    [Fact]
    public void Each_page_is_written_out_with_at_least_three_examples_and_every_parameter_described_and_no_page_is_left_over()
    {
        var names = Commands().Select(c => c.Name).ToList();
        foreach (var name in names)
        {
            var text = File.ReadAllText(Path.Combine(Pages, name + ".md"));
            var page = HelpDocument.Parse(text);
            Assert.DoesNotContain(MarkdownWriter.Placeholder, text);
            Assert.False(string.IsNullOrWhiteSpace(page.Synopsis));
            Assert.False(string.IsNullOrWhiteSpace(page.Description));
            Assert.True(page.Examples.Count >= 3, $"{name} has {page.Examples.Count} examples");
            Assert.All(page.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"-{p.Name} of {name} has no description"));
        }
        Assert.Equal(names.OrderBy(n => n), Directory.GetFiles(Pages, "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n));
    }

    [Fact]
    public void The_shipped_help_files_are_exactly_what_the_markdown_makes()
    {
        foreach (var (file, text) in HelpFiles.Build(Pages))
        {
            var shipped = Path.Combine(Shipped, file);
            Assert.True(File.Exists(shipped), $"{file} is missing; run: dotnet pwsh ./build.ps1 -Task Help");
            Assert.True(File.ReadAllText(shipped).Replace("\r\n", "\n") == text,
                $"docs/help/en-US/{file} has drifted from docs/en-US; run: dotnet pwsh ./build.ps1 -Task Help");
        }
    }

    [Fact]
    public void Get_Help_gives_every_parameter_and_one_syntax_per_parameter_set()
    {
        var problems = Run("""
            foreach ($c in Get-Command -Module Evolink) {
                $h = Get-Help $c.Name -Full
                $described = @($h.Parameters.Parameter.Name | Sort-Object) -join ','
                $declared = @($c.Parameters.Keys | Where-Object { $_ -notin [Management.Automation.Cmdlet]::CommonParameters } | Sort-Object) -join ','
                if ($described -ne $declared) { "$($c.Name): help has [$described], the cmdlet [$declared]" }
                if (@($h.Syntax.SyntaxItem).Count -ne @($c.ParameterSets).Count) { "$($c.Name): $(@($h.Syntax.SyntaxItem).Count) syntax items for $(@($c.ParameterSets).Count) sets" }
            }
            """).Succeeded().Values;

        Assert.Empty(problems);
    }

    public static IEnumerable<object[]> Cmdlets => new[]
    {
        "Invoke-EvolinkChat", "New-EvolinkMessage", "New-EvolinkTool", "Export-EvolinkConversation", "Import-EvolinkConversation",
        "Get-EvolinkModel", "Get-EvolinkCredit", "Set-EvolinkApiKey", "Remove-EvolinkApiKey", "Get-EvolinkConfiguration", "Set-EvolinkConfiguration", "Get-EvolinkUsage",
        "Merge-EvolinkJournal", "Add-EvolinkProperty", "Get-EvolinkMcpTool", "Register-EvolinkMcpServer", "Get-EvolinkMcpServer", "Unregister-EvolinkMcpServer",
        "New-EvolinkImage", "New-EvolinkVideo", "New-EvolinkAudio", "Get-EvolinkTask", "Receive-EvolinkTask", "Send-EvolinkFile", "Get-EvolinkFileQuota",
    }.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_shows_the_written_synopsis_examples_and_a_description_for_every_parameter(string name)
    {
        var run = Run($$"""
            $h = Get-Help {{name}} -Full
            $h.Synopsis
            @($h.Examples.Example).Count
            @($h.Parameters.Parameter | Where-Object { -not ($_.Description | ForEach-Object Text) } | ForEach-Object Name) -join ','
            @($h.Parameters.Parameter).Count
            """).Succeeded();
        var synopsis = (string)run.Values[0]!;
        Assert.DoesNotContain(name + " [", synopsis); // the engine's stand-in synopsis is the syntax: a sign that no help was found
        Assert.True(synopsis.Length > 20, synopsis);
        Assert.True(System.Convert.ToInt32(run.Values[1]) >= 3);
        Assert.Equal(string.Empty, run.Values[2]);
        Assert.True(System.Convert.ToInt32(run.Values[3]) >= 1);
    }

    [Fact]
    public void The_about_topic_is_found_and_covers_each_area()
    {
        var about = (string)Shell.Value("[string](Get-Help about_Evolink)")!;
        foreach (var section in new[] { "KEY", "STREAM", "CONVERSATION", "STRUCTURED", "OBJECTS IN, OBJECTS OUT", "TOOLS", "CONCURRENCY", "RETRIES", "CONFIGURATION", "ERRORS" })
            Assert.Contains(section, about);
        Assert.Contains("New-EvolinkTool", about);
        Assert.Contains("-Force", about);
    }

    [Fact]
    public void Examples_view_lists_the_examples()
    {
        var screen = RunAtConsole("Get-Help Invoke-EvolinkChat -Examples").Succeeded().Screen;
        Assert.Contains("Example 1", screen);
        Assert.Contains("Invoke-EvolinkChat 'Explain DNS in two sentences'", screen);
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

    [Fact]
    public void Get_Help_shows_where_a_default_comes_from_and_the_prompt_syntax_first()
    {
        var values = Run("""
            (Get-Help Invoke-EvolinkChat -Parameter Model).defaultValue
            (Get-Help Invoke-EvolinkChat -Parameter BaseUri).defaultValue
            $first = @((Get-Help Invoke-EvolinkChat).Syntax.SyntaxItem)[0]
            ($first.parameter.name) -contains 'Conversation'
            ($first.parameter.name) -contains 'Message'
            """).Succeeded().Values;

        Assert.StartsWith("gemini-2.5-flash", (string)values[0]!);
        Assert.Contains("https://direct.evolink.ai", (string)values[1]!);
        Assert.Equal(new object?[] { false, false }, values.Skip(2));
    }

    [Fact]
    public void The_about_topic_names_every_cmdlet_under_see_also()
    {
        var seeAlso = Run("([string](Get-Help about_Evolink)) -split 'SEE ALSO' | Select-Object -Last 1").Succeeded().Text();
        var cmdlets = Run("(Get-Command -Module Evolink).Name").Succeeded().Values.Cast<string>();

        Assert.All(cmdlets, name => Assert.Contains(name, seeAlso));
    }
}
