using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Evolink.Terminal.Tests;

/// <summary>Replies' Markdown rendered at a real terminal, streamed and not, and left as written wherever it should be.</summary>
[Collection(TerminalCollection.Name)]
public sealed class MarkdownTests
{
    private const string Reply = "# Plan\n\nRun **Get-Service** and check *each* one:\n\n- first `code`\n- see [docs](https://example.com/docs)\n\n" +
                                 "```powershell\nGet-Service | Where-Object Status -eq Stopped\n```\n\n| Name | State |\n|---|---|\n| spooler | stopped |\n\n> done";

    private readonly TerminalEnvironment _env;

    public MarkdownTests(TerminalEnvironment env)
    {
        _env = env;
        _env.WriteFile("reply.md", Reply);
    }

    private static void Rendered(string screen)
    {
        var lines = screen.Split('\n');
        Assert.Contains("Plan", lines);
        Assert.Contains("Run Get-Service and check each one:", lines);
        Assert.Contains("• first code", lines);
        Assert.Contains("• see docs (https://example.com/docs)", lines);
        Assert.Contains(lines, l => l.StartsWith("── powershell ──", StringComparison.Ordinal));
        Assert.Contains("Get-Service | Where-Object Status -eq Stopped", lines);
        Assert.Contains("│ spooler │ stopped │", lines);
        Assert.Contains("│ done", lines);
        Assert.DoesNotContain("**", screen.Replace("-Stream", ""));
        Assert.DoesNotContain("```", screen);
        Assert.DoesNotContain("# Plan", screen);
    }

    private static void AsWritten(string screen)
    {
        Assert.Contains("# Plan", screen);
        Assert.Contains("Run **Get-Service** and check *each* one:", screen);
        Assert.Contains("```powershell", screen);
        Assert.DoesNotContain("• ", screen);
    }

    /// <summary>What one command line showed: its output only, not what earlier commands left on the screen.</summary>
    private static string Shown(Terminal terminal, string line, TimeSpan? limit = null)
    {
        terminal.Run(line, limit);
        return string.Join("\n", terminal.Output());
    }

    private static string[] Codes(string line) =>
        System.Text.RegularExpressions.Regex.Matches(line, "\u001b\\[([0-9;]*)m").SelectMany(m => m.Groups[1].Value.Split(';')).ToArray();

    [Fact]
    public void A_streamed_reply_is_rendered_line_by_line_as_it_arrives()
    {
        using var terminal = _env.Start();

        var screen = Shown(terminal, "Invoke-EvolinkChat (Get-Content ./reply.md -Raw) -Model fake-stream-slow -Stream | Out-Null", TimeSpan.FromSeconds(60));

        Rendered(screen);
        var coloured = terminal.ScreenWithColours().Split('\n');
        Assert.Contains("1", Codes(coloured.First(l => l.Contains("Plan", StringComparison.Ordinal) && !l.Contains("Invoke", StringComparison.Ordinal))));
        Assert.Contains("3", Codes(coloured.First(l => l.Contains("each", StringComparison.Ordinal) && !l.Contains("Invoke", StringComparison.Ordinal))));
    }

    [Fact]
    public void A_reply_shown_at_the_prompt_is_rendered_and_its_object_keeps_the_raw_text()
    {
        using var terminal = _env.Start();

        Rendered(Shown(terminal, "Invoke-EvolinkChat (Get-Content ./reply.md -Raw)"));
        AsWritten(Shown(terminal, "(Invoke-EvolinkChat (Get-Content ./reply.md -Raw)).Text"));
    }

    public static IEnumerable<object[]> Off => new[]
    {
        new object[] { "-NoMarkdown", "", "" },
        new object[] { "NO_COLOR", "", "NO_COLOR" },
        new object[] { "$PSStyle.OutputRendering PlainText", "$PSStyle.OutputRendering = 'PlainText'", "" },
    };

    [Theory]
    [MemberData(nameof(Off))]
    public void Rendering_is_off_streamed_and_not_where_it_should_be(string why, string setup, string variable)
    {
        using var terminal = _env.Start(setup, variable.Length > 0 ? new Dictionary<string, string> { [variable] = "1" } : null);
        var flag = why == "-NoMarkdown" ? " -NoMarkdown" : "";

        AsWritten(Shown(terminal, $"Invoke-EvolinkChat (Get-Content ./reply.md -Raw){flag} -Stream | Out-Null"));
        AsWritten(Shown(terminal, $"Invoke-EvolinkChat (Get-Content ./reply.md -Raw){flag}"));
    }

    [Fact]
    public void Output_written_to_a_file_or_a_redirected_console_keeps_the_Markdown_as_written()
    {
        using var terminal = _env.Start();

        terminal.Run("Invoke-EvolinkChat (Get-Content ./reply.md -Raw) | Out-File ./out.txt");
        // A pwsh whose console output goes to a file, as a CI log or `pwsh -c … > file` has it (this pwsh runs on dotnet).
        terminal.Run("& ([Environment]::ProcessPath) \"$PSHOME/pwsh.dll\" -NoProfile -Command 'Invoke-EvolinkChat (Get-Content ./reply.md -Raw) -Stream | Out-Null' > ./redirected.txt", TimeSpan.FromSeconds(60));

        AsWritten(_env.ReadFile("out.txt"));
        AsWritten(_env.ReadFile("redirected.txt"));
        var redirected = _env.ReadFile("redirected.txt");
        Assert.False(redirected.Contains('\u001b'), redirected.Replace("\u001b", "<ESC>"));
    }

    [Fact]
    public void Enter_EvolinkChat_renders_each_reply_and_the_typed_message_stays_as_typed()
    {
        using var terminal = _env.Start();
        terminal.Enter("Enter-EvolinkChat");
        terminal.WaitForText("you>");

        terminal.Enter("Use **Get-Service** and `Stop-Service`, see [docs](https://example.com)");
        var screen = terminal.WaitFor(s => Terminal.Occurrences(s, "you>") == 2, "the reply and the next prompt");

        var lines = screen.Split('\n');
        Assert.Contains("you> Use **Get-Service** and `Stop-Service`, see [docs](https://example.com)", lines);
        Assert.Contains(lines, l => l.EndsWith("> Use Get-Service and Stop-Service, see docs (https://example.com)", StringComparison.Ordinal) && !l.StartsWith("you>", StringComparison.Ordinal));
        terminal.Enter("/exit");
        terminal.WaitForPrompt();
    }
}
