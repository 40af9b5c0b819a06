using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using Evolink.Markdown;

namespace Evolink.Core.Tests;

/// <summary>Markdown rendered for a person as it streams in: what each line becomes, and what waits.</summary>
public sealed class MarkdownLinesTests
{
    /// <summary>Runs of the same style joined, as a reader would see them: "[Strong]bold", "plain".</summary>
    private static List<string> Runs(IEnumerable<StyledText> pieces)
    {
        var runs = new List<(StringBuilder Text, MarkdownStyle Style)>();
        foreach (var piece in pieces.Where(p => p.Text.Length > 0))
        {
            if (runs.Count > 0 && runs[^1].Style == piece.Style)
                runs[^1].Text.Append(piece.Text);
            else
                runs.Add((new StringBuilder(piece.Text), piece.Style));
        }
        return runs.Select(r => new StyledText(r.Text.ToString(), r.Style).ToString()).ToList();
    }

    private static string Plain(IEnumerable<StyledText> pieces) => string.Concat(pieces.Select(p => p.Text));

    [Fact]
    public void Each_kind_of_line_becomes_its_look_without_its_syntax()
    {
        var text = "# Title\n" +
                   "Some **bold**, *italic*, `code` and ~~gone~~ text.\n" +
                   "- first\n" +
                   "  2. nested [docs](https://example.com/a)\n" +
                   "> quoted\n" +
                   "---\n" +
                   "| Name | Size |\n" +
                   "|------|-----:|\n" +
                   "| a | 1 |\n";

        var runs = Runs(MarkdownLines.Render(text));

        Assert.Equal(new[]
        {
            "[Heading]Title",
            "\nSome ", "[Strong]bold", ", ", "[Emphasis]italic", ", ", "[Code]code", " and ", "[Strike]gone", " text.\n",
            "[Marker]• ", "first\n",
            "[Marker]  2. ", "nested ", "[Link]docs", "[LinkTarget] (https://example.com/a)", "\n",
            "[Quote]│ quoted", "\n",
            "[Rule]" + new string('─', 40), "\n",
            "[Marker]│", " Name ", "[Marker]│", " Size ", "[Marker]│", "\n",
            "[Marker]┼──────┼──────┼", "\n",
            "[Marker]│", " a ", "[Marker]│", " 1 ", "[Marker]│", "\n",
        }, runs);
    }

    [Fact]
    public void Fenced_code_is_set_apart_with_its_language_and_its_text_is_never_read_as_Markdown()
    {
        var runs = Runs(MarkdownLines.Render("Run:\n```powershell\nGet-Item **not bold** # not a heading\n```\nDone.\n"));

        Assert.Equal(new[]
        {
            "Run:\n",
            "[Fence]── powershell " + new string('─', 40 - 4 - 10), "\n",
            "[CodeBlock]Get-Item **not bold** # not a heading", "\n",
            "[Fence]" + new string('─', 40),
            "\nDone.\n",
        }, runs);
    }

    [Fact]
    public void Streamed_a_character_at_a_time_it_renders_exactly_as_the_whole_text_at_once()
    {
        const string text = "## Plan\nStep one: run `Get-Service` and **check** each *stopped* one.\n1. Look at [the log](https://example.com/log).\n```\ncode line\n```\n> Done, see ~~old~~ notes.\n| a | b |\nlast line without an end";
        var lines = new MarkdownLines();
        var streamed = new List<StyledText>();
        foreach (var c in text)
            streamed.AddRange(lines.Add(c.ToString()));
        streamed.AddRange(lines.Finish());

        Assert.Equal(Runs(MarkdownLines.Render(text)), Runs(streamed));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    public void Long_lines_of_prose_streamed_in_pieces_of_any_size_come_out_exactly_as_written(int piece)
    {
        // Lines of one to three thousand characters grow their buffer in many pieces: what is given out as written is read
        // from all of them, and a line with syntax in its middle is still parsed.
        var words = string.Join(" ", Enumerable.Range(0, 200).Select(i => "word" + i));
        var text = words + "\n" + words + " and **bold** " + words + "\n" + words + "\n";
        var lines = new MarkdownLines();
        var streamed = new List<StyledText>();
        for (var at = 0; at < text.Length; at += piece)
            streamed.AddRange(lines.Add(text.Substring(at, System.Math.Min(piece, text.Length - at))));
        streamed.AddRange(lines.Finish());

        Assert.Equal(text.Replace("**", ""), Plain(streamed));
        Assert.Equal(Runs(MarkdownLines.Render(text)), Runs(streamed));
        Assert.Contains("[Strong]bold", Runs(streamed));
    }

    [Fact]
    public void A_line_s_words_come_out_as_they_arrive_and_only_an_open_emphasis_waits()
    {
        var lines = new MarkdownLines();

        Assert.Equal("The quick ", Plain(lines.Add("The quick bro")));
        Assert.Equal("brown ", Plain(lines.Add("wn **fox jum")));
        Assert.Equal("", Plain(lines.Add("ps over")));
        var closed = lines.Add("** the dog");
        Assert.Equal(new[] { "[Strong]fox jumps over", " the " }, Runs(closed));
        Assert.Equal(new[] { "dog\n" }, Runs(lines.Add("\n")));
    }

    [Fact]
    public void A_line_shows_its_marker_as_soon_as_it_is_clear_and_a_fence_waits_for_its_line()
    {
        var lines = new MarkdownLines();

        Assert.Empty(lines.Add("-"));
        Assert.Equal(new[] { "[Marker]• " }, Runs(lines.Add(" it")));
        Assert.Equal(new[] { "item\n" }, Runs(lines.Add("em\n")));
        Assert.Empty(lines.Add("``"));
        Assert.Empty(lines.Add("`py"));
        Assert.Equal(new[] { "[Fence]── py " + new string('─', 40 - 4 - 2), "\n" }, Runs(lines.Add("\n")));
        Assert.Equal(new[] { "[CodeBlock]x = 1" }, Runs(lines.Add("x = 1")));
    }

    [Fact]
    public void A_very_long_line_is_given_out_plainly_past_the_limit_so_no_piece_reads_the_whole_line_again()
    {
        var lines = new MarkdownLines();
        var head = string.Join(" ", Enumerable.Repeat("word", 1000));
        var given = Plain(lines.Add(head)) + Plain(lines.Add(" **not parsed** tail")) + Plain(lines.Finish());

        Assert.True(head.Length > MarkdownLines.LongLine);
        Assert.Equal(head + " **not parsed** tail", given);
    }

    [Fact]
    public void What_a_paragraph_cannot_show_is_shown_as_written_and_a_carriage_return_ends_a_line()
    {
        Assert.Equal(new[] { "<div>raw html</div>\n", "[Heading]Title", "\n" }, Runs(MarkdownLines.Render("<div>raw html</div>\r\n# Title\r\n")));
    }

    [Theory]
    [InlineData("| a table row that never ends ")]
    [InlineData("```a-fence-line-that-never-ends")]
    public void A_line_held_back_whole_is_given_out_as_written_once_it_passes_the_limit(string start)
    {
        var lines = new MarkdownLines();
        var held = start + new string('x', MarkdownLines.LongLine);

        Assert.Empty(lines.Add(start));
        var given = Plain(lines.Add(held.Substring(start.Length))) + Plain(lines.Add(" and more")) + Plain(lines.Add("\n"));

        Assert.Equal(held + " and more\n", given);
    }
}
