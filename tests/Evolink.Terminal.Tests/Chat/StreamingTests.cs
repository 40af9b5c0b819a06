using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;

namespace Evolink.Terminal.Tests;

/// <summary>Invoke-EvolinkChat -Stream at a real terminal: what the screen shows, in which colours, and Ctrl+C as a signal.</summary>
[Collection(TerminalCollection.Name)]
public sealed class StreamingTests
{
    private readonly TerminalEnvironment _env;

    public StreamingTests(TerminalEnvironment env) => _env = env;

    [Fact]
    public void A_streamed_reply_is_shown_once_and_the_prompt_comes_back()
    {
        using var terminal = _env.Start();

        var screen = terminal.Run("Invoke-EvolinkChat 'words that stream to the screen' -Stream | Out-Null");

        Assert.Equal(2, Terminal.Occurrences(screen, "words that stream to the screen"));
    }

    [Fact]
    public void Reasoning_is_shown_in_a_colour_of_its_own_and_the_answer_in_the_terminal_s_own()
    {
        using var terminal = _env.Start();

        terminal.Run("Invoke-EvolinkChat 'colours please' -Model fake-reasoning -ShowReasoning -Stream | Out-Null");
        var lines = terminal.ScreenWithColours().Split('\n');

        var reasoning = lines.Single(l => l.Contains("Thinking about: colours please", StringComparison.Ordinal));
        var answer = lines.Single(l => l.Contains("colours please", StringComparison.Ordinal) && !l.Contains("Thinking", StringComparison.Ordinal) && !l.Contains("Invoke-EvolinkChat", StringComparison.Ordinal));
        Assert.NotEmpty(Colours(reasoning.Split("Thinking")[0]));
        Assert.Empty(Colours(answer.Split("colours please")[0]));
    }

    /// <summary>The colours that SGR sequences in <paramref name="text"/> set, leaving out resets to the terminal's own (0, 39, 49).</summary>
    private static string[] Colours(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "\u001b\\[([0-9;]*)m")
            .SelectMany(m => m.Groups[1].Value.Split(';'))
            .Where(code => code is not ("" or "0" or "39" or "49"))
            .ToArray();

    [Fact]
    public void Ctrl_C_during_a_stream_stops_it_at_once_and_closes_the_connection()
    {
        using var terminal = _env.Start();
        var words = string.Join(' ', Enumerable.Range(1, 60).Select(i => "w" + i));

        terminal.Enter($"Invoke-EvolinkChat '{words}' -Model fake-stream-slow -Stream");
        // The first words of the reply, on a line of their own (the command line has them too).
        terminal.WaitFor(s => s.Split('\n').Any(l => l.StartsWith("w1 w2", StringComparison.Ordinal)), "the first words of the stream");
        var clock = Stopwatch.StartNew();
        terminal.Press("C-c");
        terminal.WaitForPrompt(TimeSpan.FromSeconds(5));
        var stopped = clock.Elapsed;

        Assert.DoesNotContain("w60", string.Join("\n", terminal.Output()));
        var closed = Stopwatch.StartNew();
        while (_env.Gateway.InFlight > 0 && closed.Elapsed < TimeSpan.FromSeconds(5))
            Thread.Sleep(20);
        Assert.Equal(0, _env.Gateway.InFlight);
        Assert.True(stopped < TimeSpan.FromSeconds(2), $"the prompt came back {stopped.TotalMilliseconds:0} ms after Ctrl+C");
    }

    [Fact]
    public void Redirected_or_as_text_a_streamed_reply_is_shown_once_and_the_file_gets_the_text()
    {
        using var terminal = _env.Start();

        terminal.Run("Invoke-EvolinkChat 'into the file' -Stream > streamed.txt");
        Assert.Equal(new[] { "into the file" }, terminal.Output());
        terminal.Run("Invoke-EvolinkChat 'just the text' -Stream -AsText");
        Assert.Equal(new[] { "just the text" }, terminal.Output());
        terminal.Run("Invoke-EvolinkChat 'at the console' -Stream");
        Assert.Equal("at the console", terminal.Output()[0]);
        Assert.Matches(@"^\[gemini-2\.5-flash \| stop \| .* \| request req-fake-\d+\]$", terminal.Output()[1]);

        Assert.Equal("into the file\n", _env.ReadFile("streamed.txt").Replace("\r\n", "\n"));
    }

    [Fact]
    public void With_NO_COLOR_reasoning_is_set_apart_by_a_mark_on_each_line_instead_of_a_colour()
    {
        using var terminal = _env.Start(extra: new System.Collections.Generic.Dictionary<string, string> { ["NO_COLOR"] = "1" });

        terminal.Run("Invoke-EvolinkChat 'plain please' -Model fake-reasoning -ShowReasoning -Stream | Out-Null");

        Assert.Equal(new[] { "| Thinking about: plain please", "plain please" }, terminal.Output());
        // The reply's lines only: PSReadLine colours the command line itself.
        Assert.Empty(Colours(string.Join("\n", terminal.ScreenWithColours().Split('\n').Where(l => l.Contains("plain please") && !l.Contains("Invoke-EvolinkChat")))));
    }

    [Fact]
    public void A_reply_that_tries_to_drive_the_terminal_erases_nothing_sets_no_title_or_clipboard_and_shows_its_sequences()
    {
        using var terminal = _env.Start();
        terminal.Run("'KEEP THIS LINE'");
        var title = terminal.Title();

        terminal.Run("Invoke-EvolinkChat 'x' -Model hostile-terminal-text -Stream | Out-Null");
        terminal.Run("Invoke-EvolinkChat 'x' -Model hostile-terminal-text");
        terminal.Run("Invoke-EvolinkChat 'x' -Model hostile-terminal-error -MaximumRetryCount 0");

        var screen = terminal.Screen();
        Assert.Contains("KEEP THIS LINE", screen);
        Assert.Equal(3, Terminal.Occurrences(screen, "BEFORE"));
        Assert.Equal(3, Terminal.Occurrences(screen, "\u241B[2J"));
        Assert.DoesNotContain("\nOVERWRITE", screen);
        Assert.Equal(title, terminal.Title());
        Assert.Equal(string.Empty, terminal.Clipboard());
    }
}
