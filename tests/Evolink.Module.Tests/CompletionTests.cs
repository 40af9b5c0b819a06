using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Tab completion as the console asks for it (CommandCompletion.CompleteInput).</summary>
[Collection(ModuleCollection.Name)]
public sealed class CompletionTests : ModuleTest
{
    public CompletionTests(ModuleEnvironment env) : base(env) { }

    private string[] Complete(string line) => Run($"[System.Management.Automation.CommandCompletion]::CompleteInput({Quote(line)}, {line.Length}, $null).CompletionMatches.CompletionText")
        .Succeeded().Values.Cast<string>().ToArray();

    [Fact]
    public void Model_completes_from_the_models_the_key_may_use()
    {
        Env.Gateway.ModelIds.Add("gemini-test-only-model");
        try
        {
            var matches = Complete("Invoke-EvolinkChat -Model gemini-t");
            Assert.Equal(new[] { "gemini-test-only-model" }, matches);
        }
        finally
        {
            Env.Gateway.ModelIds.Remove("gemini-test-only-model");
        }
    }

    [Fact]
    public void Reasoning_effort_completes_its_documented_values()
    {
        Assert.Contains("high", Complete("Invoke-EvolinkChat -ReasoningEffort h"));
    }

    [Fact]
    public void Cmdlet_and_parameter_names_complete()
    {
        Assert.Contains("Invoke-EvolinkChat", Complete("Invoke-Evol"));
        Assert.Contains("-ThrottleLimit", Complete("Invoke-EvolinkChat -Thr"));
        Assert.Contains("-SystemPrompt", Complete("Invoke-EvolinkChat -Sys"));
    }

    [Fact]
    public void Set_values_complete_for_image_detail()
    {
        Assert.Equal(new[] { "high" }, Complete("New-EvolinkMessage 'x' -ImageDetail hi"));
    }
}
