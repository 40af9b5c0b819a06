using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Get-EvolinkModel and Get-EvolinkCredit as a user runs them.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ModelCommandTests : ModuleTest
{
    public ModelCommandTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Piped_patterns_each_add_their_models()
    {
        var run = Run("'gemini*', 'kimi*' | Get-EvolinkModel | ForEach-Object Id").Succeeded();
        Assert.Equal(new object[] { "gemini-2.5-flash", "gemini-2.5-pro", "gemini-3.1-pro-preview-customtools", "kimi-k2" }, run.Values);
    }

    [Fact]
    public void An_exact_name_that_is_not_available_is_an_error_and_a_wildcard_that_matches_nothing_is_not()
    {
        var run = Run("Get-EvolinkModel -Name gpt-5.2, no-such-model, nothing*");
        Assert.Equal(new object[] { "gpt-5.2" }, run.Output.Select(o => o.Properties["Id"].Value));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-model", error.TargetObject);
        Assert.Contains("no-such-model", error.Exception.Message);
    }

    [Fact]
    public void The_balance_is_one_object_with_the_key_s_available_credits()
    {
        Assert.Equal(50.0, System.Convert.ToDouble(Shell.Value("(Get-EvolinkCredit).Available")));
    }
}
