using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Evolink.Testing;
using Xunit;

namespace Evolink.Terminal.Tests;

/// <summary>
/// MCP servers' tools at a real console: the question a person answers before a call (with what the model asked
/// for made harmless), the reply after, and Ctrl+C as a signal while a server is slow, leaving no server behind.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed class McpTests
{
    private static readonly string Everything = RepositoryPaths.File("tests", "McpServers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
    private static readonly string Misbehaving = RepositoryPaths.File("tests", "Evolink.Core.Tests", "Mcp", "misbehaving-server.js");

    private readonly TerminalEnvironment _env;

    public McpTests(TerminalEnvironment env) => _env = env;

    [Fact]
    public void A_call_is_asked_about_on_screen_answered_with_Y_and_nothing_the_model_wrote_drives_the_terminal()
    {
        using var terminal = _env.Start();
        var title = terminal.Title();
        terminal.Run($"$s = @{{ Name = 'everything'; Command = 'node'; Arguments = '{Everything}', 'stdio' }}");

        // The reply as the module shows it (its view); .Text would hand PowerShell the raw string, as Get-Content would.
        terminal.Enter("""Invoke-EvolinkChat '{"message":"hi\u001b]0;PWNED\u0007\u001b[2J there"}' -Model fake-tool-caller -McpServer $s -McpTool echo""");
        var asked = terminal.WaitForText("[Y] Yes", limit: TimeSpan.FromSeconds(20));
        terminal.Enter("Y");
        terminal.WaitForPrompt(TimeSpan.FromSeconds(20));
        var screen = terminal.Screen();

        var question = "echo on the MCP server everything (node) with {\"message\":\"hi\\u001B]0;PWNED\\u0007\\u001B[2J there\"}";
        Assert.True(asked.Replace("\n", " ").Contains(question, StringComparison.Ordinal), asked);
        Assert.Contains("Results: Echo: hi\u241B]0;PWNED", screen);
        Assert.Contains(title, terminal.Title());
        Assert.DoesNotContain("PWNED", terminal.Title());
        Assert.Contains("$s = @{", screen);
    }

    [Fact]
    public void Ctrl_C_while_a_server_is_slow_brings_the_prompt_back_at_once_and_stops_the_server()
    {
        using var terminal = _env.Start();
        var marker = "evolink-terminal-" + Guid.NewGuid().ToString("N");

        terminal.Enter($$"""Invoke-EvolinkChat '{"what":"wait"}' -Model fake-tool-caller -McpServer @{ Name = 'slow'; Command = 'node'; Arguments = '{{Misbehaving}}', 'silent', '{{marker}}' } -Force""");
        var started = Stopwatch.StartNew();
        while (ChildProcesses.With(marker) == 0 && started.Elapsed < TimeSpan.FromSeconds(20))
            Thread.Sleep(50);
        Assert.True(ChildProcesses.With(marker) > 0, "the server did not start");
        Thread.Sleep(500);
        var clock = Stopwatch.StartNew();
        terminal.Press("C-c");
        terminal.WaitForPrompt(TimeSpan.FromSeconds(5));
        var stopped = clock.Elapsed;
        while (ChildProcesses.With(marker) > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(50);

        Assert.True(stopped < TimeSpan.FromSeconds(3), $"the prompt came back {stopped.TotalMilliseconds:0} ms after Ctrl+C");
        Assert.Equal(0, ChildProcesses.With(marker));
    }
}
