using System;
using System.Collections.Generic;
using System.Linq;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Nothing the network sends can drive the terminal: a gateway that puts every
/// sequence a terminal acts on (TerminalAttacks.Sequences) into text, reasoning,
/// tool calls, error bodies and model ids reaches the host and every view only
/// with those characters written out, while the objects keep the exact text.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class TerminalSafetyTests : ModuleTest
{
    public TerminalSafetyTests(ModuleEnvironment env) : base(env) { }

    /// <summary>Characters a terminal would act on: C0 controls but newline and tab, a carriage return not before a newline, DEL and C1, bidirectional overrides and isolates.</summary>
    private static IEnumerable<string> Live(string shown) =>
        shown.Select((c, i) => (c, i)).Where(x =>
            x.c is < ' ' and not ('\n' or '\t' or '\r') || x.c == '\r' && (x.i + 1 >= shown.Length || shown[x.i + 1] != '\n')
            || x.c is >= '\u007F' and <= '\u009F' || x.c is >= '\u202A' and <= '\u202E' || x.c is >= '\u2066' and <= '\u2069')
            .Select(x => $"U+{(int)x.c:X4} at {x.i}");

    private static void AssertSafe(string shown, string where)
    {
        var live = Live(shown).ToList();
        Assert.True(live.Count == 0, $"{where} shows {string.Join(", ", live.Take(8))}:\n{shown}");
    }

    [Theory]
    [InlineData("-Stream")]
    [InlineData("")]
    public void A_reply_s_text_is_shown_with_its_sequences_written_out_and_kept_exactly_on_the_object(string stream)
    {
        var run = RunAtConsole($"$global:r = Invoke-EvolinkChat 'x' -Model hostile-terminal-text {stream}; $global:r").Succeeded();

        AssertSafe(run.Screen, "the console");
        Assert.Contains("BEFORE", run.Screen);
        Assert.Contains("\u241B[2J", run.Screen);
        Assert.Contains("\\u202E", run.Screen);
        Assert.Contains("AFTER", run.Screen);
        Assert.Equal(TerminalAttacks.Sequences, Shell.Value("$global:r.Text"));
    }

    [Theory]
    [InlineData("-Stream")]
    [InlineData("")]
    public void Reasoning_is_shown_written_out_and_kept_exactly(string stream)
    {
        var run = RunAtConsole($"$global:r = Invoke-EvolinkChat 'x' -Model hostile-terminal-reasoning -ShowReasoning {stream}; $global:r").Succeeded();

        AssertSafe(run.Screen, "the console");
        Assert.Contains("plain answer", run.Screen);
        Assert.Equal(TerminalAttacks.Sequences, Shell.Value("$global:r.Reasoning"));
    }

    [Fact]
    public void A_tool_call_s_arguments_are_written_out_in_the_question_a_person_answers_and_reach_the_tool_exactly()
    {
        Shell.UI.Responder = prompt => prompt.Kind == "Choice" ? "Y" : string.Empty;
        var run = RunAtConsole("""
            $tool = New-EvolinkTool -Name Open-Ticket -ScriptBlock { param([string] $Title) $global:title = $Title; 'opened' }
            Invoke-EvolinkChat 'x' -Model hostile-terminal-tool -Tools $tool -Verbose
            """).Succeeded();

        var prompt = Assert.Single(run.Prompts);
        AssertSafe(prompt.Caption + "\n" + prompt.Message, "the confirmation");
        Assert.Contains("\u241B]52", prompt.Caption + prompt.Message);
        AssertSafe(run.Screen, "the console");
        Assert.All(run.Verbose, v => AssertSafe(v.Message, "a verbose line"));
        Assert.Equal(TerminalAttacks.Sequences, Shell.Value("$global:title"));
    }

    [Fact]
    public void A_reply_of_tool_calls_shows_a_hostile_tool_name_written_out()
    {
        var run = RunAtConsole("Invoke-EvolinkChat 'x' -Model hostile-terminal-tool-name -Tools (New-EvolinkTool -Name Open-Ticket -Schema @{ type = 'object' })").Succeeded();

        AssertSafe(run.Screen, "the console");
        Assert.Contains("Get\u241B[2J\\u202EItem", run.Screen);
    }

    [Theory]
    [InlineData("hostile-terminal-error", "")]
    [InlineData("hostile-terminal-stream-error", "-Stream")]
    public void An_error_the_gateway_words_is_shown_written_out_and_its_words_kept_on_the_exception(string model, string stream)
    {
        var run = Run($"Invoke-EvolinkChat 'x' -Model {model} {stream} -MaximumRetryCount 0 -Verbose");
        var error = Assert.Single(run.Errors);
        var console = RunAtConsole($"Invoke-EvolinkChat 'x' -Model {model} {stream} -MaximumRetryCount 0");

        AssertSafe(console.Screen, "the console");
        Assert.Contains("BEFORE", console.Screen);
        AssertSafe(error.ErrorDetails.Message, "ErrorDetails.Message");
        AssertSafe(error.ErrorDetails.RecommendedAction ?? string.Empty, "RecommendedAction");
        Assert.All(run.Verbose, v => AssertSafe(v.Message, "a verbose line"));
        Assert.Equal(TerminalAttacks.Sequences, System.Management.Automation.PSObject.AsPSObject(error.Exception).Properties["GatewayMessage"].Value);
    }

    [Fact]
    public void The_chat_shows_replies_and_errors_written_out()
    {
        Shell.UI.Answer("/model hostile-terminal-text", "first", "/model hostile-terminal-error", "second", "/exit");
        var run = RunAtConsole("Enter-EvolinkChat -MaximumRetryCount 0").Succeeded();

        AssertSafe(run.Screen, "the chat");
        Assert.Contains("BEFORE", run.Screen);
    }

    [Fact]
    public void A_hostile_model_id_is_written_out_in_the_model_table_and_never_offered_for_completion()
    {
        Env.Gateway.ModelIds.Add(TerminalAttacks.ModelId);
        try
        {
            var run = RunAtConsole("Get-EvolinkModel").Succeeded();
            AssertSafe(run.Screen, "the model table");
            Assert.Contains("gpt-\u241B]0;pwned", run.Screen);

            var offered = Run("(TabExpansion2 'Invoke-EvolinkChat -Model gpt' 29).CompletionMatches.CompletionText").Succeeded().Values.Cast<string>().ToList();
            Assert.Contains("gpt-5.2", offered);
            Assert.All(offered, id => AssertSafe(id, "a completion"));
        }
        finally
        {
            Env.Gateway.ModelIds.Remove(TerminalAttacks.ModelId);
        }
    }
}
