using System.IO;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>-Replay and -ReplayMode (and EVOLINK_REPLAY) as a script meets them: recorded once, answered offline with no key.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ReplayTests : ModuleTest
{
    public ReplayTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Answers_recorded_with_a_key_are_replayed_without_one_and_nothing_is_sent()
    {
        Run("Invoke-EvolinkChat 'recorded once' -Replay ./answers.jsonl -ReplayMode Record | Out-Null").Succeeded();
        var sent = Env.Gateway.ChatRequests.Length;

        var replayed = Run("$env:EVOLINK_API_KEY = $null; Invoke-EvolinkChat 'recorded once' -Replay ./answers.jsonl").Succeeded();

        Assert.Equal("recorded once", replayed.Text());
        Assert.Equal(sent, Env.Gateway.ChatRequests.Length);
        Assert.True(File.Exists(Path.Combine(Env.WorkFolder, "answers.jsonl")));
    }

    [Fact]
    public void EVOLINK_REPLAY_answers_every_command_and_the_configuration_says_where_answers_come_from()
    {
        Run("Invoke-EvolinkChat 'from the variable' -Replay ./answers.jsonl -ReplayMode Record | Out-Null; Get-EvolinkCredit -Replay ./answers.jsonl -ReplayMode Record | Out-Null").Succeeded();
        var sent = Env.Gateway.Requests.Count;
        var run = Run("""
            $env:EVOLINK_REPLAY = (Resolve-Path ./answers.jsonl).Path
            $env:EVOLINK_API_KEY = $null
            (Invoke-EvolinkChat 'from the variable').Text
            (Get-EvolinkCredit).Available -gt 0
            (Get-EvolinkConfiguration).Replay -eq $env:EVOLINK_REPLAY
            $env:EVOLINK_REPLAY = $null
            """).Succeeded();
        Assert.Equal(new object[] { "from the variable", true, true }, run.Values);
        // Without the variable the view has no replay lines: they show only while a replay is in force.
        var screen = RunAtConsole("Get-EvolinkConfiguration").Succeeded().Screen;
        Assert.DoesNotContain("Replay", screen);
        Assert.DoesNotContain("CacheMaximumAge", screen);
        Assert.Equal(sent, Env.Gateway.Requests.Count);
    }

    [Fact]
    public void A_request_that_was_not_recorded_is_one_EvolinkNotRecorded_error_per_input_showing_the_difference()
    {
        Run("Invoke-EvolinkChat 'alpha' -Replay ./answers.jsonl -ReplayMode Record | Out-Null").Succeeded();
        var run = Run("'alpha', 'beta' | Invoke-EvolinkChat -Replay ./answers.jsonl");
        Assert.Equal(new[] { "alpha" }, run.Output.Select(o => o.BaseObject.ToString()));
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("EvolinkNotRecorded", error.FullyQualifiedErrorId);
        Assert.Contains("+       \"content\": \"beta\"", error.Exception.Message);
        Assert.Contains("-ReplayMode Record", error.ErrorDetails.RecommendedAction);
    }
    [Fact]
    public void As_a_cache_the_second_identical_cold_request_is_answered_from_the_file_and_spends_nothing()
    {
        var sent = Env.Gateway.ChatRequests.Length;
        var run = Run("""
            $ask = { Invoke-EvolinkChat 'cached question' -Temperature 0 -Replay ./cache.jsonl -ReplayMode Cache }
            (& $ask).FromCache
            $before = (Get-EvolinkUsage | Measure-Object -Property Requests -Sum).Sum
            (& $ask).FromCache
            (Get-EvolinkUsage | Measure-Object -Property Requests -Sum).Sum -eq $before
            """).Succeeded();
        Assert.Equal(new object[] { false, true, true }, run.Values);
        Assert.Equal(1, Env.Gateway.ChatRequests.Length - sent);
    }
}
