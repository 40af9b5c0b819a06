using System;
using System.Linq;
using Xunit;

namespace Evolink.Terminal.Tests;

/// <summary>The rest of a console session: tab completion and the help a person reads.</summary>
[Collection(TerminalCollection.Name)]
public sealed class ConsoleTests
{
    private readonly TerminalEnvironment _env;

    public ConsoleTests(TerminalEnvironment env) => _env = env;

    [Fact]
    public void Tab_completes_a_model_name_from_the_gateway_s_list()
    {
        using var terminal = _env.Start();

        terminal.Type("Invoke-EvolinkChat -Model gpt");
        terminal.Press("Tab");

        terminal.WaitFor(s => s.Split('\n').Last().EndsWith("Invoke-EvolinkChat -Model gpt-5.2", StringComparison.Ordinal), "the completed model name");
    }

    [Fact]
    public void Get_Help_Examples_shows_the_examples_offline()
    {
        using var terminal = _env.Start();

        var help = terminal.Run("Get-Help Invoke-EvolinkChat -Examples");

        Assert.Contains("Example 1: Ask a question at the console", help);
        Assert.Contains("PS C:\\> Invoke-EvolinkChat 'Explain DNS", help);
    }

    [Fact]
    public void A_long_batch_shows_a_progress_bar_while_it_runs_and_none_after()
    {
        using var terminal = _env.Start();

        terminal.Enter("1..16 | ForEach-Object { \"p$_\" } | Invoke-EvolinkChat -Model fake-delay-300 -ThrottleLimit 2 | Out-Null");
        var during = terminal.WaitFor(s => s.Contains("Evolink chat", StringComparison.Ordinal), "the progress bar");
        terminal.WaitForPrompt(TimeSpan.FromSeconds(20));

        Assert.Matches(@"\d+ answered, \d+ failed, \d+ in flight", during);
        Assert.DoesNotContain("Evolink chat", terminal.Screen());
    }

    [Fact]
    public void A_generation_shows_its_task_s_progress_while_it_waits_and_the_saved_file_after()
    {
        using var terminal = _env.Start();

        terminal.Enter("New-EvolinkVideo 'waves on a beach' -Model seedance-1.0-pro -PollIntervalSec 0.4 | Format-List Path, ContentType");
        var during = terminal.WaitFor(s => s.Contains("Evolink video with seedance-1.0-pro", StringComparison.Ordinal), "the progress bar");
        terminal.WaitForPrompt(TimeSpan.FromSeconds(30));
        var after = terminal.Screen();

        Assert.Matches(@"(pending|processing), \d+ % \(task-unified-", during);
        Assert.DoesNotContain("Evolink video with", after);
        Assert.Matches(@"Path +: .*task-unified-\S+\.mp4", after);
        Assert.Contains("video/mp4", after);
    }

    [Fact]
    public void A_job_s_progress_is_one_bar_for_the_job_over_a_bar_per_task_while_Receive_Job_waits()
    {
        using var terminal = _env.Start();

        terminal.Enter("'a fox', 'an owl', 'a heron' | New-EvolinkImage -AsJob -PollIntervalSec 0.6 | Receive-Job -Wait | Measure-Object | Format-List Count");
        var during = terminal.WaitFor(s => s.Contains("Evolink generations", StringComparison.Ordinal) && s.Contains("Evolink image: an owl", StringComparison.Ordinal), "the job's bars");
        terminal.WaitForPrompt(TimeSpan.FromSeconds(30));
        var after = terminal.Screen();

        var lines = during.Split('\n');
        var job = Array.FindIndex(lines, l => l.Contains("Evolink generations", StringComparison.Ordinal));
        var task = Array.FindIndex(lines, l => l.Contains("Evolink image: an owl", StringComparison.Ordinal));
        Assert.Matches(@"Evolink generations \[\d of 3 saved, \d failed, \d waiting", lines[job]);
        // Each task's bar under the job's, indented as its child.
        Assert.True(task > job, during);
        Assert.StartsWith("  Evolink image: an owl", lines[task], StringComparison.Ordinal);
        Assert.DoesNotContain("Evolink generations", after);
        Assert.Matches(@"Count : 3", after);
    }
}
