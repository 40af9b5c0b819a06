using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Every example a user can read runs as written against the fake gateway,
/// in a fresh runspace with the files, vault secrets and answers it assumes,
/// and ends without an error.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ExampleTests : ModuleTest
{
    public ExampleTests(ModuleEnvironment env) : base(env) { }

    public static IEnumerable<object[]> HelpExamples => DocumentedExamples.HelpPages().Select(e => new object[] { e });
    public static IEnumerable<object[]> ReadmeExamples => DocumentedExamples.Readme().Select(e => new object[] { e });

    [Fact]
    public void Every_cmdlet_page_has_at_least_three_examples_that_the_tests_find()
    {
        var pages = DocumentedExamples.HelpPages().GroupBy(e => e.Source).ToDictionary(g => g.Key, g => g.Count());
        var cmdlets = Shell.Run("(Get-Command -Module Evolink).Name").Succeeded().Values.Cast<string>();
        Assert.All(cmdlets, name => Assert.True(pages.GetValueOrDefault(name) >= 3, $"{name} has {pages.GetValueOrDefault(name)} examples"));
    }

    [Theory]
    [MemberData(nameof(HelpExamples))]
    public void A_help_example_runs_as_written(DocumentedExamples.Example example) => RunExample(example);

    [Theory]
    [MemberData(nameof(ReadmeExamples))]
    public void A_README_example_runs_as_written(DocumentedExamples.Example example) => RunExample(example);

    private void RunExample(DocumentedExamples.Example example)
    {
        Parser.ParseInput(example.Script, out _, out var problems);
        Assert.True(problems.Length == 0, $"{example} does not parse: {string.Join("; ", problems.Select(p => p.Message))}");
        if (example.NotRunBecause is not null)
            return;
        ExampleWorld.Prepare(Env, Shell);
        var run = Shell.RunAtConsole(ExampleWorld.Adapt(example.Script, Env));
        // At a console, errors are rendered by Out-Default: they show on the host as error lines.
        var failed = run.Terminating is not null || run.Errors.Count > 0 || run.HostWrites.Any(w => w.Kind == HostWriteKind.Error);
        Assert.False(failed,
            $"{example} failed:\n{example.Script}\n{run.Describe()}");
    }
}
