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

    // The ids are cached per gateway and key for the session: each test asks a gateway of its own.
    [Fact]
    public async System.Threading.Tasks.Task Model_completes_from_the_models_the_key_may_use()
    {
        await using var gateway = await FakeEvolink.FakeGateway.StartAsync();
        gateway.ModelIds.Add("gemini-test-only-model");
        Assert.Equal(new[] { "gemini-test-only-model" }, Complete($"Invoke-EvolinkChat -BaseUri {gateway.BaseUri} -Model gemini-t"));
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

    [Fact]
    public async System.Threading.Tasks.Task Hostile_model_ids_complete_to_text_that_runs_no_code_and_a_null_id_empties_nothing()
    {
        await using var gateway = await FakeEvolink.FakeGateway.StartAsync();
        gateway.ModelIds.AddRange(new[] { "gpt-e'+($global:PWNED=1)+'", "gpt-z|Out-File", "gpt-q$(1)", "gpt-ctl\u001b[2J" });
        gateway.ModelIds.Add(null!);
        var matches = Complete($"Invoke-EvolinkChat -BaseUri {gateway.BaseUri} -Model gpt-");
        Assert.Contains("gpt-5.2", matches);
        Assert.Contains("'gpt-e''+($global:PWNED=1)+'''", matches);
        Assert.DoesNotContain(matches, m => m.Contains('\u001b'));
        foreach (var completion in matches)
        {
            var line = $"Invoke-EvolinkChat 'q' -Model {completion} -WhatIf";
            var ast = System.Management.Automation.Language.Parser.ParseInput(line, out _, out var problems);
            Assert.Empty(problems);
            var command = (System.Management.Automation.Language.CommandAst)ast.Find(a => a is System.Management.Automation.Language.CommandAst, true)!;
            Assert.IsAssignableFrom<System.Management.Automation.Language.StringConstantExpressionAst>(command.CommandElements[3]);
            Run(line).Succeeded();
        }
        Assert.Null(Shell.Value("$global:PWNED"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Completion_asks_the_gateway_the_command_would_use_saved_or_typed()
    {
        await using var other = await FakeEvolink.FakeGateway.StartAsync();
        other.ModelIds.Add("gpt-only-on-the-other-gateway");
        System.Environment.SetEnvironmentVariable("EVOLINK_BASE_URL", null);
        int ModelRequests(FakeEvolink.FakeGateway g) => g.Requests.Count(r => r.Path == "/v1/models");
        var defaultBefore = ModelRequests(Env.Gateway);

        Assert.Contains("gpt-only-on-the-other-gateway", Complete($"Invoke-EvolinkChat -BaseUri {other.BaseUri} -Model gpt-o"));
        Run($"Set-EvolinkConfiguration -BaseUri {other.BaseUri}").Succeeded();
        other.ModelIds.Add("gpt-added-later");
        Assert.Contains("gpt-only-on-the-other-gateway", Complete("Invoke-EvolinkChat -Model gpt-"));

        Assert.True(ModelRequests(other) >= 1);
        Assert.Equal(defaultBefore, ModelRequests(Env.Gateway));
    }

    [Theory]
    [InlineData("Get-EvolinkModel -Name gpt")]
    [InlineData("Get-EvolinkModel gpt")]
    [InlineData("Get-EvolinkHistory -Model gpt")]
    [InlineData("Get-EvolinkUsage -Model gpt")]
    [InlineData("Enter-EvolinkChat -Model gpt")]
    public void Every_model_parameter_completes_from_the_models_the_key_may_use(string line)
    {
        Assert.Contains("gpt-5.2", Complete(line));
    }

    [Fact]
    public void A_schema_is_given_by_the_same_names_to_both_commands_that_take_one()
    {
        Run("""
            $schema = @{ type = 'object'; properties = @{ a = @{ type = 'string' } } }
            Invoke-EvolinkChat '{"a":"x"}' -Schema $schema | Out-Null
            Invoke-EvolinkChat '{"a":"x"}' -JsonSchema $schema | Out-Null
            New-EvolinkTool -Name Open-Ticket -Description 'x' -JsonSchema $schema | Out-Null
            New-EvolinkTool -Name Open-Ticket -Description 'x' -Schema $schema | Out-Null
            """).Succeeded();
    }
}
