using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>A tool call binds only what the tool's schema offers, is shown safely when asked about, and its failures are capped.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ToolSafetyTests : ModuleTest
{
    public ToolSafetyTests(ModuleEnvironment env) : base(env)
    {
        Run("""
            function global:Remove-Thing {
                [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
                param([Parameter(Mandatory)][string] $Name, [string] $Note)
                if ($PSCmdlet.ShouldProcess($Name)) { $global:removed += @($Name) }
                "removed $Name"
            }
            $global:removed = @(); $global:victim = 'untouched'
            """).Succeeded();
    }

    // The fake's tool-calling model sends the prompt, when it is a JSON object, as the call's arguments.
    private string Call(string arguments, string extra = "-Force") =>
        (string)Run($"(Invoke-EvolinkChat {Quote(arguments)} -Model fake-tool-caller -Tools (New-EvolinkTool (Get-Command Remove-Thing)) {extra}).Text").Succeeded().Single()!;

    [Theory]
    [InlineData("""{"Name":"x","Confirm":false}""")]
    [InlineData("""{"Name":"x","OutVariable":"global:victim"}""")]
    [InlineData("""{"Name":"x","ErrorAction":"Ignore"}""")]
    [InlineData("""{"Name":"x","NotAParameter":1}""")]
    public void An_argument_outside_the_schema_or_a_common_parameter_is_refused_and_nothing_runs(string arguments)
    {
        var answer = Call(arguments);
        Assert.Contains("nothing was run", answer);
        Assert.Equal(string.Empty, Shell.Value("$global:removed -join ','"));
        Assert.Equal("untouched", Shell.Value("$global:victim"));
    }

    [Fact]
    public void A_call_with_only_schema_arguments_runs_and_its_own_confirmation_still_applies()
    {
        Shell.UI.Answer("Y");
        var answer = Call("""{"Name":"x"}""");
        Assert.Equal("Results: removed x", answer);
        Assert.Equal("x", Shell.Value("$global:removed -join ','"));
    }

    [Fact]
    public void The_question_shows_control_characters_written_out_and_nested_values_as_JSON()
    {
        Shell.UI.Answer("N");
        Run("""
            $tool = New-EvolinkTool -Name Set-Note -Description 'Sets a note.' -ScriptBlock { param([string] $Name, [object] $Note) 'ok' }
            Invoke-EvolinkChat '{"Name":"a\u001b[2J\rFAKE","Note":{"deep":[1,2]}}' -Model fake-tool-caller -Tools $tool | Out-Null
            """).Succeeded();
        var question = Shell.UI.Prompts.Last();
        var shown = question.Caption + question.Message;
        Assert.DoesNotContain(shown, c => c == '\u001b' || c == '\r');
        // ESC and CR as their control pictures, the one way the module writes them out wherever it shows network text.
        Assert.Contains("\u241B[2J\u240DFAKE", shown);
        Assert.Contains("""{"deep":[1,2]}""", shown);
    }

    [Fact]
    public void A_failing_tool_s_error_is_capped_like_its_output()
    {
        var answer = (string)Run("""
            $tool = New-EvolinkTool -Name Get-Huge -Description 'Fails loudly.' -ScriptBlock { param([string] $Name) throw ('x' * 1000000) }
            (Invoke-EvolinkChat '{"Name":"a"}' -Model fake-tool-caller -Tools $tool -Force).Text
            """).Succeeded().Single()!;
        Assert.True(answer.Length < 21000, $"{answer.Length} characters went to the model");
        Assert.Contains("Output cut", answer);
    }

    [Fact]
    public void The_model_sees_a_command_s_output_as_a_person_would_its_default_view_not_every_property_serialised()
    {
        var answer = (string)Run("(Invoke-EvolinkChat '{}' -Model fake-tool-caller -Tools (New-EvolinkTool (Get-Command Get-Process) -ParameterSet Name) -Force).Text").Succeeded().Single()!;

        // Get-Process's table view: its columns, a row per process, no handles or module lists.
        Assert.Matches(@"NPM\(K\)\s+PM\(M\)\s+WS\(M\)\s+CPU\(s\)\s+Id", answer);
        Assert.DoesNotContain("SafeHandle", answer);
        Assert.DoesNotContain("\"Modules\"", answer);
        Assert.DoesNotContain(answer, c => c == '\u001b');
        Assert.True(answer.Length <= "Results: ".Length + 20_000 + 100, $"{answer.Length} characters");
    }

    [Fact]
    public void A_script_block_tool_without_help_is_warned_about_by_its_own_name()
    {
        var run = Run("New-EvolinkTool -Name Get-Greeting -ScriptBlock { param([string] $Name) \"Hello $Name\" } | Out-Null").Succeeded();

        var warning = Assert.Single(run.Warnings);
        Assert.Contains("'Get-Greeting' has no help", warning.Message);
        Assert.DoesNotContain("ToolBody", warning.Message);
    }
}
