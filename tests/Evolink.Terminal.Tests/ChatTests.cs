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
        terminal.WaitFor(s => s.Split('\n').Any(l => l.StartsWith("one", StringComparison.Ordinal)), "the first words of the reply");
        terminal.Press("C-c");

        var screen = terminal.WaitForText("[reply cancelled");
        var reply = screen.Split('\n').Single(l => l.StartsWith("one", StringComparison.Ordinal));
        Assert.DoesNotContain("twelve", reply);
        terminal.WaitFor(s => s.TrimEnd().EndsWith("you>", StringComparison.Ordinal), "the chat's next prompt");
        terminal.Enter("still here");
        terminal.WaitForText("still here", times: 2);
        terminal.Enter("/exit");
        terminal.WaitForPrompt();
    }

    [Fact]
    public void Ctrl_C_at_the_chat_prompt_leaves_the_chat_for_pwsh()
    {
        using var terminal = _env.Start();
        terminal.Enter("Enter-EvolinkChat");
        terminal.WaitForText("you>");

        terminal.Press("C-c");

        terminal.WaitForPrompt();
        terminal.Enter("'pwsh answers'");
        terminal.WaitForText("pwsh answers", times: 2);
    }
}
