using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>A host that cannot ask (pwsh -NonInteractive, a CI runner): nothing hangs on a prompt, each refusal says what to do.</summary>
[Collection(ModuleCollection.Name)]
public sealed class NonInteractiveTests : ModuleTest
{
    public NonInteractiveTests(ModuleEnvironment env) : base(env, interactive: false) { }

    [Fact]
    public void A_chat_runs_without_asking_anything()
    {
        var run = Run("Invoke-EvolinkChat 'in CI'").Succeeded();
        Assert.Empty(run.Prompts);
    }

    [Fact]
    public void A_tool_call_without_Force_is_declined_with_a_warning_that_names_Force()
    {
        var run = Run("(Invoke-EvolinkChat '{}' -Model fake-tool-caller -Tools (New-EvolinkTool (Get-Command Get-Uptime))).Text").Succeeded();
        Assert.Contains("declined", run.Text());
        Assert.Contains(run.Warnings, w => w.Message.Contains("-Force"));
    }

    [Fact]
    public void A_tool_call_with_Force_runs()
    {
        var run = Run("(Invoke-EvolinkChat '{}' -Model fake-tool-caller -Tools (New-EvolinkTool (Get-Command Get-Uptime)) -Force).Text").Succeeded();
        Assert.StartsWith("Results: ", run.Text());
        Assert.DoesNotContain("declined", run.Text());
    }

    [Fact]
    public void Set_EvolinkApiKey_without_a_key_says_to_pass_ApiKey()
    {
        var run = Run("Set-EvolinkApiKey -Vault Work");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains("-ApiKey", error.Exception.Message);
        Assert.DoesNotContain("Set-Secret", string.Join(",", (object[]?)Shell.Run("$global:SecretCalls").Values.ToArray() ?? new object[0]));
    }
}
