using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>-Stream at a console: the text as it arrives, once, and the response kept.</summary>
[Collection(ModuleCollection.Name)]
public sealed class StreamingConsoleTests : ModuleTest
{
    public StreamingConsoleTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void With_several_choices_only_the_first_is_shown_live_and_the_screen_says_so()
    {
        var run = Run("$r = Invoke-EvolinkChat 'alpha beta gamma' -Stream -Count 3; $r.Choices.Count").Succeeded();
        Assert.Equal(3, System.Convert.ToInt32(run.Single()));
        var shown = string.Concat(run.HostWrites.Where(w => w.Kind == HostWriteKind.Text).Select(w => w.Text));
        Assert.Equal("alpha beta gamma", shown.TrimEnd());
        Assert.Contains("choice 1 of 3 shown", run.Screen);
    }

    [Fact]
    public void A_streamed_reply_is_marked_so_the_console_shows_a_summary_instead_of_the_text_again()
    {
        var whole = Shell.Value("(Invoke-EvolinkChat 'one two three' -Model gpt-5.2).Streamed");
        var run = Run("$r = Invoke-EvolinkChat 'one two three' -Model gpt-5.2 -Stream; $r.Streamed; $r.Summary; $r.Usage.TotalTokens; $r.Input").Succeeded().Values;
        var (streamed, summary, total, input) = ((bool)run[0]!, (string)run[1]!, System.Convert.ToInt32(run[2]), (string)run[3]!);

        Assert.Equal(false, whole);
        Assert.True(streamed);
        // ASCII separators: Windows PowerShell 5.1 consoles do not all render a middle dot.
        Assert.Matches($@"^\[gpt-5\.2 \| stop \| 3 prompt \+ 3 completion = {total} tokens \| request req-fake-\d+\]$", summary);
        Assert.All(summary, c => Assert.True(c < 128));
        Assert.DoesNotContain("one two three", summary);
        Assert.Equal("one two three", input);
        // At the console the summary stands where the text would be printed a second time.
        var screen = RunAtConsole("Invoke-EvolinkChat 'one two three' -Model gpt-5.2 -Stream").Screen;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(screen, "one two three"));
        Assert.Contains("[gpt-5.2 | stop |", screen);
    }

    [Fact]
    public void Chunk_texts_taken_one_by_one_leave_no_blank_lines_for_the_start_finish_and_usage_chunks()
    {
        var run = RunAtConsole("Invoke-EvolinkChat 'one two three' -AsChunk | ForEach-Object Text").Succeeded();

        // One line per chunk that carries text, and no other line.
        var lines = run.Screen.TrimEnd('\n').Split('\n');
        Assert.Equal("one two three", string.Concat(lines));
        Assert.DoesNotContain(lines, line => line.Length == 0);
    }

    [Fact]
    public void AsChunk_with_Stream_outputs_every_chunk_and_shows_the_text_as_it_arrives()
    {
        var run = Run("$chunks = Invoke-EvolinkChat 'shown and kept' -AsChunk -Stream; -join $chunks.Text").Succeeded();

        Assert.Equal("shown and kept", run.Text());
        Assert.Equal("shown and kept", string.Concat(run.HostWrites.Where(w => w.Kind == HostWriteKind.Text).Select(w => w.Text)).TrimEnd());
    }
}
