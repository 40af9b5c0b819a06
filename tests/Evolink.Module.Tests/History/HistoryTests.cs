using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>The opt-in history as a user meets it: off by default, on with one setting, -NoHistory, search, continue, clear.</summary>
[Collection(ModuleCollection.Name)]
public sealed class HistoryTests : ModuleTest
{
    public HistoryTests(ModuleEnvironment env) : base(env) { }

    private string[] Lines => File.Exists(Env.HistoryPath) ? File.ReadAllLines(Env.HistoryPath) : Array.Empty<string>();

    [Fact]
    public void Nothing_is_kept_until_the_history_is_turned_on()
    {
        Run("Invoke-EvolinkChat 'not kept' | Out-Null").Succeeded();
        Assert.Empty(Lines);
        Run("Set-EvolinkConfiguration -History; Invoke-EvolinkChat 'kept' | Out-Null; Invoke-EvolinkChat 'left out' -NoHistory | Out-Null").Succeeded();
        Assert.Single(Lines);
        Assert.Equal(true, Shell.Value("(Get-EvolinkConfiguration).History"));
    }

    [Fact]
    public void Every_call_is_kept_with_its_reply_model_usage_timing_request_id_error_and_command_and_never_the_key()
    {
        Run("Set-EvolinkConfiguration -History").Succeeded();
        Run("'alpha', 'beta' | Invoke-EvolinkChat -ThrottleLimit 2 | Out-Null; Invoke-EvolinkChat 'gamma' -Stream | Out-Null; Invoke-EvolinkChat 'fails' -Model fake-bare-status-500 -MaximumRetryCount 0 -ErrorAction SilentlyContinue");
        var entries = Run("Get-EvolinkHistory").Succeeded().Output;
        Assert.Equal(new[] { "alpha", "beta", "gamma", "fails" }, entries.Select(e => (string)e.Properties["Prompt"].Value).OrderBy(p => p == "fails").ThenBy(p => p));
        var gamma = entries.Single(e => (string)e.Properties["Prompt"].Value == "gamma");
        Assert.Equal("gamma", gamma.Properties["Reply"].Value);
        Assert.NotNull(gamma.Properties["Usage"].Value);
        Assert.StartsWith("req-fake-", (string)gamma.Properties["RequestId"].Value);
        Assert.Contains("Invoke-EvolinkChat 'gamma' -Stream", (string)gamma.Properties["Command"].Value);
        var failed = entries.Single(e => (string)e.Properties["Prompt"].Value == "fails");
        Assert.Equal("ServerError", failed.Properties["ErrorKind"].Value);
        Assert.DoesNotContain(Env.Key, File.ReadAllText(Env.HistoryPath));
    }

    [Fact]
    public void A_key_typed_on_the_command_line_is_masked_in_the_kept_command()
    {
        Run("Set-EvolinkConfiguration -History").Succeeded();
        Run($"Invoke-EvolinkChat 'hello' -ApiKey (ConvertTo-SecureString '{Env.Key}' -AsPlainText -Force) | Out-Null").Succeeded();
        var text = File.ReadAllText(Env.HistoryPath);
        Assert.Contains("Invoke-EvolinkChat 'hello'", text);
        Assert.DoesNotContain(Env.Key, text);
    }

    [Fact]
    public void Get_EvolinkHistory_filters_by_text_model_failures_and_last()
    {
        Run("Set-EvolinkConfiguration -History").Succeeded();
        Run("Invoke-EvolinkChat 'Explain DNS' | Out-Null; Invoke-EvolinkChat 'Explain TLS' -Model gpt-5.2 | Out-Null; Invoke-EvolinkChat 'boom' -Model fake-status-400 -ErrorAction SilentlyContinue; Invoke-EvolinkChat 'last one' | Out-Null");
        string[] Prompts(string filter) => Run("Get-EvolinkHistory " + filter).Succeeded().Output.Select(e => (string)e.Properties["Prompt"].Value).ToArray();
        Assert.Equal(new[] { "Explain DNS", "Explain TLS" }, Prompts("explain"));
        Assert.Equal(new[] { "Explain TLS" }, Prompts("-Model gpt-*"));
        Assert.Equal(new[] { "boom" }, Prompts("-Failed"));
        Assert.Equal(new[] { "boom", "last one" }, Prompts("-Last 2"));
        Assert.Empty(Prompts("-After (Get-Date).AddMinutes(5)"));
        var view = RunAtConsole("Get-EvolinkHistory explain").Screen;
        Assert.Contains("Explain DNS", view);
        Assert.Contains("Prompt", view);
    }

    [Fact]
    public void A_history_entry_piped_to_Invoke_EvolinkChat_continues_that_conversation()
    {
        Run("Set-EvolinkConfiguration -History; Invoke-EvolinkChat 'first question' -SystemPrompt 'Be terse.' | Out-Null").Succeeded();
        Run("Get-EvolinkHistory -Last 1 | Invoke-EvolinkChat 'and then?' | Out-Null").Succeeded();
        var sent = ChatRequests.Last()["messages"]!.AsArray().Select(m => (string)m!["role"]! + ":" + (string?)m["content"]).ToArray();
        Assert.Equal(new[] { "system:Be terse.", "user:first question", "assistant:first question", "user:and then?" }, sent);
    }

    [Fact]
    public void Clear_EvolinkHistory_asks_first_honours_WhatIf_and_can_keep_recent_chats()
    {
        Run("Set-EvolinkConfiguration -History; 'one', 'two' | Invoke-EvolinkChat | Out-Null").Succeeded();
        Run("Clear-EvolinkHistory -WhatIf").Succeeded();
        Assert.Equal(2, Lines.Length);
        Assert.Equal(0, Shell.Value("(Clear-EvolinkHistory -Before (Get-Date).AddDays(-1) -Confirm:$false -PassThru).Deleted"));
        Shell.UI.Answer("N");
        Run("Clear-EvolinkHistory");
        Assert.Equal(2, Lines.Length);
        Assert.Equal(2, Shell.Value("(Clear-EvolinkHistory -Confirm:$false -PassThru).Deleted"));
        Assert.Empty(Lines);
    }

    [Fact]
    public async Task Several_runspaces_writing_at_once_lose_nothing()
    {
        Run("Set-EvolinkConfiguration -History").Succeeded();
        var shells = Enumerable.Range(0, 4).Select(_ => new Shell(Env)).ToList();
        try
        {
            await Task.WhenAll(shells.Select((shell, i) => Task.Run(() =>
                shell.Run($"1..25 | ForEach-Object {{ \"runspace{i} prompt $_\" }} | Invoke-EvolinkChat -ThrottleLimit 4 | Out-Null").Succeeded())));
        }
        finally
        {
            shells.ForEach(s => s.Dispose());
        }
        Assert.Equal(100, Lines.Length);
        for (var i = 0; i < 4; i++)
            Assert.Equal(25, Run($"Get-EvolinkHistory 'runspace{i} prompt'").Succeeded().Output.Count);
    }

    [Fact]
    public void Enter_EvolinkChat_keeps_each_turn_in_the_history()
    {
        Run("Set-EvolinkConfiguration -History").Succeeded();
        Shell.UI.Answer("hello from the chat", "and again", "/exit");
        RunAtConsole("Enter-EvolinkChat").Succeeded();
        Assert.Equal(new object?[] { "hello from the chat", "and again" }, Run("(Get-EvolinkHistory).Prompt").Succeeded().Values);
    }

    [Fact]
    public void Searching_while_the_history_is_off_says_so_once_a_session()
    {
        var run = Run("Get-EvolinkHistory; Get-EvolinkHistory dns").Succeeded();

        var warning = Assert.Single(run.Warnings);
        Assert.Contains("The history is off", warning.Message);
        Assert.Contains("Set-EvolinkConfiguration -History", warning.Message);
        Assert.Empty(Run("Get-EvolinkHistory").Succeeded().Warnings);
    }

    [Fact]
    public void Clear_PassThru_says_what_was_deleted()
    {
        Run("Set-EvolinkConfiguration -History -Scope Session; 'one', 'two' | Invoke-EvolinkChat | Out-Null").Succeeded();

        var run = Run("$c = Clear-EvolinkHistory -Confirm:$false -PassThru; \"$c\"; $c.Deleted").Succeeded();

        Assert.Equal($"Deleted 2 chats from {Env.HistoryPath}", run.Values[0]);
        Assert.Equal(2, run.Values[1]);
    }

    [Fact]
    public void At_80_columns_the_history_table_shows_a_useful_part_of_each_prompt_and_reply()
    {
        Run("Set-EvolinkConfiguration -History -Scope Session; 'What is DNS and why does it matter for my network?' | Invoke-EvolinkChat -SystemPrompt 'Answer briefly.' | Out-Null").Succeeded();

        var lines = Run("Get-EvolinkHistory | Out-String -Width 80").Succeeded().Text().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();

        Assert.Matches(@"^Time\s+Model\s+Prompt\s+Reply$", lines[0]);
        var row = lines[2];
        Assert.True(row.Length <= 80, row);
        // Each of the two text columns holds at least 18 characters of its text.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(row, "What is DNS and wh").Count);
    }
}
