using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Get-Help answers from the shipped MAML and about topic, as a user at a console asks it.</summary>
[Collection(ModuleCollection.Name)]
public sealed class HelpTests : ModuleTest
{
    public HelpTests(ModuleEnvironment env) : base(env) { }

    public static IEnumerable<object[]> Cmdlets => new[]
    {
        "Invoke-EvolinkChat", "New-EvolinkMessage", "New-EvolinkTool", "Export-EvolinkConversation", "Import-EvolinkConversation",
        "Get-EvolinkModel", "Get-EvolinkCredit", "Set-EvolinkApiKey", "Remove-EvolinkApiKey", "Get-EvolinkConfiguration", "Set-EvolinkConfiguration", "Get-EvolinkUsage",
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
        foreach (var section in new[] { "KEY", "STREAM", "CONVERSATION", "STRUCTURED", "TOOLS", "CONCURRENCY", "RETRIES", "CONFIGURATION", "ERRORS" })
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
}
