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
}
