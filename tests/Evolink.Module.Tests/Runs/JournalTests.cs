using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>-Journal, -TokenBudget, -MinimumCredit and -Shard on Invoke-EvolinkChat, and Merge-EvolinkJournal, as a script meets them.</summary>
[Collection(ModuleCollection.Name)]
public sealed class JournalTests : ModuleTest
{
    public JournalTests(ModuleEnvironment env) : base(env) { }

    private static string[] Texts(ShellRun run) => run.Output.Select(o => o.BaseObject.ToString()!).ToArray();

    private static bool[] FromJournal(ShellRun run) => run.Output.Select(o => (bool)o.Properties["FromJournal"].Value).ToArray();

    [Fact]
    public void A_rerun_with_the_journal_sends_only_new_inputs_and_outputs_recorded_answers_in_input_order_marked()
    {
        Run("'one', 'two' | Invoke-EvolinkChat -Journal ./run.jsonl -ThrottleLimit 4").Succeeded();
        var sentFirst = Env.Gateway.ChatRequests.Length;

        var run = Run("'one', 'two', 'three', 'four' | Invoke-EvolinkChat -Journal ./run.jsonl -ThrottleLimit 4").Succeeded();

        Assert.Equal(new[] { "one", "two", "three", "four" }, Texts(run));
        Assert.Equal(new[] { true, true, false, false }, FromJournal(run));
        Assert.Equal(2, Env.Gateway.ChatRequests.Length - sentFirst);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(Env.WorkFolder, "run.jsonl")).Length);
        // A recorded answer's input is still its input: the same object as any other output.
        Assert.Equal("one", run.Output[0].Properties["Input"].Value);
    }

    [Fact]
    public void A_failed_input_is_one_error_record_and_is_sent_again_on_the_rerun_under_the_same_key()
    {
        Env.Gateway.Scenarios.Add("flaky-once", call => call.Attempt == 1 && call.LastUserText.Contains("flaky")
            ? Scenarios.StatusAsync(call.Http, 503)
            : Scenarios.ReplyAsync(call, Scenarios.Echo(call), StreamPlan.Default));
        const string command = "'a', 'flaky', 'b' | Invoke-EvolinkChat -Model flaky-once -MaximumRetryCount 0 -Journal ./run.jsonl -ErrorVariable failed; $failed.Count";

        var first = Run(command);
        Assert.Equal(new[] { "a", "b", "1" }, Texts(first));
        var error = Assert.Single(first.Errors);
        Assert.StartsWith("EvolinkServerError", error.FullyQualifiedErrorId);
        Assert.Contains("Input 2", error.ErrorDetails.Message);

        var second = Run(command);
        Assert.Equal(new[] { "a", "flaky", "b", "0" }, Texts(second));
        var flakyKeys = Env.Gateway.ChatRequests.Where(r => r.Body.Contains("flaky\"")).Select(r => r.Header("Idempotency-Key")).ToArray();
        Assert.Equal(2, flakyKeys.Length);
        Assert.Single(flakyKeys.Distinct());
    }

    [Fact]
    public void A_streamed_run_records_too_and_its_rerun_shows_the_recorded_text_not_a_summary()
    {
        Run("Invoke-EvolinkChat 'streamed once' -Stream -Journal ./run.jsonl | Out-Null").Succeeded();
        var sent = Env.Gateway.ChatRequests.Length;
        var rerun = RunAtConsole("Invoke-EvolinkChat 'streamed once' -Stream -Journal ./run.jsonl").Succeeded();
        Assert.Contains("streamed once", rerun.Screen);
        Assert.Equal(true, Run("(Invoke-EvolinkChat 'streamed once' -Stream -Journal ./run.jsonl).FromJournal").Succeeded().Single());
        Assert.Equal(sent, Env.Gateway.ChatRequests.Length);
    }

    [Fact]
    public void A_token_budget_ends_the_run_with_one_budget_error_per_remaining_input_and_nothing_more_sent()
    {
        var perCall = Convert.ToInt64(Run("(Invoke-EvolinkChat 'measure').Usage.TotalTokens").Succeeded().Single());
        var sent = Env.Gateway.ChatRequests.Length;

        var run = Run($"'p1', 'p2', 'p3', 'p4', 'p5' | Invoke-EvolinkChat -TokenBudget {2 * perCall}");

        Assert.Equal(new[] { "p1", "p2" }, Texts(run));
        Assert.Equal(3, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.StartsWith("EvolinkBudgetExceeded", e.FullyQualifiedErrorId));
        Assert.Contains("token budget is spent", run.Errors[0].ErrorDetails.Message);
        Assert.Contains("-TokenBudget", run.Errors[0].ErrorDetails.RecommendedAction);
        Assert.Equal(2, Env.Gateway.ChatRequests.Length - sent);
        // The name for it works too.
        Assert.Empty(Run($"Invoke-EvolinkChat 'p6' -MaximumTokens {perCall} | Out-Null").Errors);
    }

    [Fact]
    public void A_minimum_credit_above_the_balance_refuses_every_input_without_sending()
    {
        var balance = Convert.ToDouble(Run("(Get-EvolinkCredit).Available").Succeeded().Single());
        var sent = Env.Gateway.ChatRequests.Length;
        var run = Run($"'a', 'b' | Invoke-EvolinkChat -MinimumCredit {balance + 1}");
        Assert.Empty(run.Output);
        Assert.Equal(2, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.StartsWith("EvolinkBudgetExceeded", e.FullyQualifiedErrorId));
        Assert.Contains("-MinimumCredit", run.Errors[0].ErrorDetails.RecommendedAction);
        Assert.Equal(sent, Env.Gateway.ChatRequests.Length);
        Assert.Equal(2, Run($"'a', 'b' | Invoke-EvolinkChat -MinimumCredit {balance - 1}").Succeeded().Output.Count);
    }

    [Fact]
    public void Shards_cover_the_inputs_once_and_Merge_EvolinkJournal_puts_them_back_in_order()
    {
        Run("$prompts = 1..12 | ForEach-Object { \"item $_\" }").Succeeded();
        var sent = Env.Gateway.ChatRequests.Length;
        var shard1 = Run("$prompts | Invoke-EvolinkChat -Shard 1/2 -Journal ./shard1.jsonl").Succeeded();
        var shard2 = Run("$prompts | Invoke-EvolinkChat -Shard 2/2 -Journal ./shard2.jsonl").Succeeded();
        Assert.Equal(12, shard1.Output.Count + shard2.Output.Count);
        Assert.Equal(12, Env.Gateway.ChatRequests.Length - sent);

        var merged = Run("Merge-EvolinkJournal ./shard*.jsonl -Destination ./all.jsonl").Succeeded();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"item {i}"), Texts(merged));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), merged.Output.Select(o => (long)o.Properties["Position"].Value));

        var again = Run("Merge-EvolinkJournal ./shard1.jsonl, ./shard2.jsonl -Destination ./all.jsonl");
        Assert.StartsWith("EvolinkConversationFileExists", Assert.Single(again.AllErrors).FullyQualifiedErrorId);
        Assert.Contains("-Force", again.AllErrors.Single().ErrorDetails?.Message ?? again.AllErrors.Single().Exception.Message);

        // The merged journal resumes the whole set: nothing is sent.
        var resumed = Run("$prompts | Invoke-EvolinkChat -Journal ./all.jsonl").Succeeded();
        Assert.All(FromJournal(resumed), Assert.True);
        Assert.Equal(12, Env.Gateway.ChatRequests.Length - sent);
    }

    [Fact]
    public void A_file_that_is_not_a_journal_stops_the_command_before_anything_is_sent()
    {
        Env.WriteFile("people.csv", "name,email\nada,ada@example.com\n");
        var sent = Env.Gateway.ChatRequests.Length;
        var run = Run("'a', 'b' | Invoke-EvolinkChat -Journal ./people.csv");
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkJournalError", error.FullyQualifiedErrorId);
        Assert.Contains("not an Evolink journal", error.Exception.Message);
        Assert.Equal(sent, Env.Gateway.ChatRequests.Length);
        Assert.Equal("name,email\nada,ada@example.com\n", Env.ReadFile("people.csv"));
    }

    [Fact]
    public void WhatIf_creates_no_journal_and_a_bad_shard_says_how_to_write_one()
    {
        Run("Invoke-EvolinkChat 'x' -Journal ./never.jsonl -WhatIf").Succeeded();
        Assert.False(File.Exists(Path.Combine(Env.WorkFolder, "never.jsonl")));
        var bad = Run("Invoke-EvolinkChat 'x' -Shard 5/4");
        Assert.Contains("i/n", Assert.Single(bad.AllErrors).Exception.Message);
    }
    [Fact]
    public void A_journal_that_cannot_be_written_stops_the_run_naming_what_was_not_recorded()
    {
        if (!File.Exists("/dev/full"))
            return;
        // /dev/full refuses every write as a full disk does.
        var run = Run("'a', 'b', 'c' | Invoke-EvolinkChat -Journal /dev/full");
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkJournalError", error.FullyQualifiedErrorId);
        Assert.Contains("could not be written", error.Exception.Message);
        Assert.Contains("Not recorded: input", error.Exception.Message);
        Assert.Contains("No more input is sent", error.Exception.Message);
        Assert.Contains("Make room on the disk", error.ErrorDetails.RecommendedAction);
    }
}
