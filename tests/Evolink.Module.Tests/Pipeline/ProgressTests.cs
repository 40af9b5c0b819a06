using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>A piped batch shows how it goes while a person watches, and sums itself up at the end.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ProgressTests : ModuleTest
{
    public ProgressTests(ModuleEnvironment env) : base(env) { }

    private const string SlowBatch = "1..8 | ForEach-Object { \"p$_\" } | Invoke-EvolinkChat -Model fake-delay-250 -ThrottleLimit 2";

    [Fact]
    public void A_batch_that_takes_a_while_shows_answered_failed_in_flight_rate_time_and_tokens_then_clears()
    {
        var run = Run(SlowBatch + " | Out-Null").Succeeded();

        var progress = run.HostWrites.Where(w => w.Kind == HostWriteKind.Progress).Select(w => w.Text).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Matches(@"^Evolink chat: (\d+ answered, \d+ failed, \d+ in flight \| [\d.]+/s \| \d\d:\d\d \| [\d,]+ tokens|done)$", p));
        Assert.Equal("Evolink chat: done", progress.Last());
    }

    [Fact]
    public void The_batch_ends_with_one_information_record_that_sums_it_up()
    {
        var run = Run("'a', '', 'c' | Invoke-EvolinkChat -ErrorAction SilentlyContinue | Out-Null");

        var summary = Assert.Single(run.Information, i => i.Tags.Contains("Evolink.Batch"));
        Assert.Matches(@"^2 answered, 1 failed, \d+ tokens, in [\d.]+ s$", summary.MessageData.ToString());
        Assert.Equal(2, System.Management.Automation.PSObject.AsPSObject(summary.MessageData).Properties["Answered"].Value);
    }

    [Fact]
    public void Nobody_watching_no_progress_under_NonInteractive_or_with_ProgressPreference_SilentlyContinue()
    {
        var quiet = Run("$ProgressPreference = 'SilentlyContinue'; " + SlowBatch + " | Out-Null").Succeeded();
        using var ci = Env.NewShell(interactive: false);
        var nonInteractive = ci.Run(SlowBatch + " | Out-Null").Succeeded();

        Assert.DoesNotContain(quiet.HostWrites, w => w.Kind == HostWriteKind.Progress);
        Assert.DoesNotContain(nonInteractive.HostWrites, w => w.Kind == HostWriteKind.Progress);
        Assert.Single(nonInteractive.Information, i => i.Tags.Contains("Evolink.Batch"));
    }

    [Fact]
    public void One_prompt_and_a_quick_batch_show_no_progress()
    {
        var run = Run("Invoke-EvolinkChat 'one' | Out-Null; 'a', 'b' | Invoke-EvolinkChat | Out-Null").Succeeded();

        Assert.DoesNotContain(run.HostWrites, w => w.Kind == HostWriteKind.Progress);
    }
}
