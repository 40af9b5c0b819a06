using System;
using System.Linq;
using Xunit;

namespace Evolink.Terminal.Tests;

/// <summary>Enter-EvolinkChat as a person types at it in a real terminal.</summary>
[Collection(TerminalCollection.Name)]
public sealed class ChatTests
{
    private readonly TerminalEnvironment _env;

    public ChatTests(TerminalEnvironment env) => _env = env;

    [Fact]
    public void A_typed_message_gets_its_reply_streamed_and_exit_returns_to_pwsh()
    {
        using var terminal = _env.Start();

        terminal.Enter("Enter-EvolinkChat");
        terminal.WaitForText("you>");
        terminal.Enter("good morning from the terminal");
        var screen = terminal.WaitFor(s => Terminal.Occurrences(s, "you>") == 2, "the reply and the next prompt");

        Assert.Equal(2, Terminal.Occurrences(screen, "good morning from the terminal"));
        terminal.Enter("/exit");
        terminal.WaitForPrompt();
    }

    [Fact]
    public void Ctrl_C_during_a_reply_cancels_that_reply_and_the_chat_goes_on()
    {
        using var terminal = _env.Start();
        terminal.Enter("Enter-EvolinkChat -Model fake-stream-slow");
        terminal.WaitForText("you>");

        terminal.Enter("one two three four five six seven eight nine ten eleven twelve");
        terminal.WaitFor(s => s.Split('\n').Any(l => l.StartsWith("fake-stream-slow> one", StringComparison.Ordinal)), "the first words of the reply");
        terminal.Press("C-c");

        var screen = terminal.WaitForText("[reply cancelled");
        var reply = screen.Split('\n').Single(l => l.StartsWith("fake-stream-slow> one", StringComparison.Ordinal));
        Assert.DoesNotContain("twelve", reply);
        terminal.WaitFor(s => s.TrimEnd().EndsWith("you>", StringComparison.Ordinal), "the chat's next prompt");
        terminal.Enter("still here");
        terminal.WaitForText("still here", times: 2);
        terminal.Enter("/exit");
        terminal.WaitForPrompt();
    }

    [Fact]
    public void Ctrl_C_at_an_empty_chat_prompt_leaves_the_chat_and_PassThru_still_gives_the_conversation()
    {
        using var terminal = _env.Start();
        terminal.Enter("$c = Enter-EvolinkChat -PassThru");
        terminal.WaitForText("you>");
        terminal.Enter("keep me");
        terminal.WaitFor(s => Terminal.Occurrences(s, "you>") == 2, "the reply and the next prompt");

        terminal.Press("C-c");

        terminal.WaitForPrompt();
        terminal.Run("'messages: ' + $c.Messages.Count");
        Assert.Equal(new[] { "messages: 2" }, terminal.Output());
    }

    [Fact]
    public void The_chat_line_is_edited_as_at_a_prompt_and_Up_recalls_an_earlier_line()
    {
        var before = _env.Gateway.ChatRequests.Length;
        using var terminal = _env.Start();
        terminal.Enter("Enter-EvolinkChat");
        terminal.WaitForText("you>");

        // A typo mended in the middle of the line, then more at its end.
        terminal.Type("helo world");
        terminal.Press("Left", "Left", "Left", "Left", "Left", "Left", "Left");
        terminal.Type("l");
        terminal.Press("End");
        terminal.Type("!");
        terminal.Press("Enter");
        terminal.WaitForText("gemini-2.5-flash> hello world!");
        // Ctrl+C on a line with text clears it and the chat goes on; Up brings back the last line.
        terminal.Type("not this one");
        terminal.Press("C-c");
        terminal.WaitFor(s => s.Split('\n').Last() == "you>", "a cleared line");
        terminal.Press("Up");
        terminal.WaitFor(s => s.Split('\n').Last() == "you> hello world!", "the recalled line");
        terminal.Press("Enter");

        var screen = terminal.WaitForText("gemini-2.5-flash> hello world!", times: 2);
        Assert.DoesNotContain("not this one", string.Join("\n", screen.Split('\n').Where(l => l.StartsWith("gemini", StringComparison.Ordinal))));
        // Two requests, each ending with the mended line; the cleared text was never sent.
        var sent = _env.Gateway.ChatRequests.Skip(before).Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["messages"]!.AsArray().Last()!["content"]!.ToString()).ToList();
        Assert.Equal(new[] { "hello world!", "hello world!" }, sent);
        terminal.Enter("/exit");
        terminal.WaitForPrompt();
    }

    [Fact]
    public void Replies_and_input_are_told_apart_by_a_label_in_a_colour_of_their_own()
    {
        using var terminal = _env.Start();
        terminal.Enter("Enter-EvolinkChat");
        terminal.WaitForText("you>");
        terminal.Enter("labels please");
        terminal.WaitForText("gemini-2.5-flash> labels please");

        var lines = terminal.ScreenWithColours().Split('\n');
        var you = lines.First(l => l.Contains("labels please") && l.Contains("you>"));
        var model = lines.First(l => l.Contains("labels please") && l.Contains("gemini-2.5-flash>"));
        Assert.Matches("\u001b\\[[0-9;]*9[0-7]m|\u001b\\[[0-9;]*3[0-7]m", you.Split("you>")[0]);
        Assert.Matches("\u001b\\[[0-9;]*9[0-7]m|\u001b\\[[0-9;]*3[0-7]m", model.Split("gemini-2.5-flash>")[0]);
        terminal.Enter("/exit");
        terminal.WaitForPrompt();
    }
}
