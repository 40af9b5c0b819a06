using System;
using System.IO;
using System.Linq;
using System.Threading;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// MCP servers' tools in the module as a person meets them: the question asked before each call (server, tool and
/// arguments, made safe), an answer of no, Ctrl+C mid-call, and no server left running after the command.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class McpToolTests : ModuleTest
{
    private static readonly string Everything = RepositoryPaths.File("tests", "McpServers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
    private static readonly string Misbehaving = RepositoryPaths.File("tests", "Evolink.Core.Tests", "Mcp", "misbehaving-server.js");

    public McpToolTests(ModuleEnvironment env) : base(env) { }

    private static string Server(string marker = "") => $"@{{ Name = 'everything'; Command = 'node'; Arguments = {Quote(Everything)}, 'stdio'{(marker.Length > 0 ? ", " + Quote(marker) : "")} }}";

    [Fact]
    public void Each_call_is_asked_about_naming_server_tool_and_arguments_made_safe_and_no_declines_it()
    {
        Shell.UI.Answer("N");

        var answer = Run($$"""(Invoke-EvolinkChat '{"message":"hi\u001b[2J\rFAKE"}' -Model fake-tool-caller -McpServer {{Server()}} -McpTool echo).Text""").Succeeded().Single();

        Assert.Equal("Results: The user declined this call.", answer);
        var question = Shell.UI.Prompts.Last();
        var shown = question.Caption + question.Message;
        Assert.Contains("echo on the MCP server everything (node) with {\"message\":\"hi", shown);
        Assert.DoesNotContain(shown, c => c == '\u001b' || c == '\r');
        // The arguments are shown as JSON, where a control character is written as an escape.
        Assert.Contains("\\u001B[2J\\rFAKE", shown);
    }

    [Fact]
    public void A_call_said_yes_to_runs_and_the_model_gets_its_output()
    {
        Shell.UI.Answer("Y");

        var answer = Run($$"""(Invoke-EvolinkChat '{"message":"from the module"}' -Model fake-tool-caller -McpServer {{Server()}} -McpTool echo).Text""").Succeeded().Single();

        Assert.Equal("Results: Echo: from the module", answer);
    }

    [Fact]
    public void Ctrl_C_mid_call_stops_the_command_at_once_and_the_server_with_it()
    {
        var marker = "evolink-module-" + Guid.NewGuid().ToString("N");
        var running = Shell.Start($$"""Invoke-EvolinkChat '{"what":"wait"}' -Model fake-tool-caller -McpServer @{ Name = 'slow'; Command = 'node'; Arguments = {{Quote(Misbehaving)}}, 'silent', '{{marker}}' } -Force""");
        for (var i = 0; i < 200 && ChildProcesses.With(marker) == 0; i++)
            Thread.Sleep(50);
        Assert.True(ChildProcesses.With(marker) > 0, "the server did not start");
        Thread.Sleep(500);

        var took = running.Stop();

        Assert.True(took < TimeSpan.FromSeconds(5), $"stopping took {took}");
        for (var i = 0; i < 100 && ChildProcesses.With(marker) > 0; i++)
            Thread.Sleep(50);
        Assert.Equal(0, ChildProcesses.With(marker));
    }

    [Fact]
    public void A_server_described_wrongly_stops_the_command_before_anything_starts_or_is_sent()
    {
        var run = Run("'one', 'two' | Invoke-EvolinkChat -McpServer @{ Name = 'x'; Comand = 'node' }");

        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains("has no key 'Comand'", error.Exception.Message);
        Assert.Empty(ChatRequests);
    }
}
