using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// MCP servers named once with Register-EvolinkMcpServer and used by name: kept beside the configuration with no
/// token in the file, tokens read from vaults or variables only when the server starts and never shown, the names
/// completed, and a server that lives as long as an interactive chat.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class McpServerRegistrationTests : ModuleTest
{
    private static readonly string Everything = RepositoryPaths.File("tests", "McpServers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");

    public McpServerRegistrationTests(ModuleEnvironment env) : base(env) { }

    private string BookPath => Path.Combine(Path.GetDirectoryName(Env.ConfigurationPath)!, "mcp-servers.json");

    private string RegisterEverything(string marker = "") =>
        $"Register-EvolinkMcpServer everything node -ArgumentList {Quote(Everything)}, 'stdio'{(marker.Length > 0 ? ", " + Quote(marker) : "")}";

    [Fact]
    public void A_server_registered_once_is_used_by_name_and_listed()
    {
        Run(RegisterEverything()).Succeeded();

        var answer = Run("""(Invoke-EvolinkChat '{"message":"by name"}' -Model fake-tool-caller -McpServer everything -McpTool echo -Force).Text""").Succeeded().Single();
        var listed = Run("Get-EvolinkMcpServer | ForEach-Object { $_.Name, $_.Transport, $_.Command, $_.Arguments[1] }").Succeeded().Values;

        Assert.Equal("Results: Echo: by name", answer);
        Assert.Equal(new object?[] { "everything", "stdio", "node", "stdio" }, listed);
        Assert.True(File.Exists(BookPath));
    }

    [Fact]
    public void A_registered_server_piped_to_Get_EvolinkMcpTool_lists_its_tools()
    {
        Run(RegisterEverything()).Succeeded();

        var tools = Run("Get-EvolinkMcpServer everything | Get-EvolinkMcpTool -McpTool echo | ForEach-Object OfferedAs").Succeeded().Values;

        Assert.Equal(new object?[] { "everything__echo" }, tools);
    }

    [Fact]
    public void A_name_already_registered_is_kept_unless_Force_replaces_it()
    {
        Run(RegisterEverything()).Succeeded();

        var again = Run("Register-EvolinkMcpServer everything -Url https://mcp.example.com/mcp");
        var kept = Run("(Get-EvolinkMcpServer everything).Transport").Succeeded().Single();
        Run("Register-EvolinkMcpServer EVERYTHING -Url https://mcp.example.com/mcp -Force").Succeeded();
        var replaced = Run("Get-EvolinkMcpServer | ForEach-Object { $_.Name, $_.Transport }").Succeeded().Values;

        var error = Assert.Single(again.AllErrors);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains("already registered; add -Force to replace it", error.Exception.Message);
        Assert.Equal("stdio", kept);
        Assert.Equal(new object?[] { "EVERYTHING", "http" }, replaced);
    }

    [Fact]
    public void Unregister_removes_a_server_and_a_name_not_registered_is_one_clear_error_that_sends_nothing()
    {
        Run(RegisterEverything()).Succeeded();
        Run("Unregister-EvolinkMcpServer everything -WhatIf").Succeeded();
        Assert.Equal("everything", Run("(Get-EvolinkMcpServer).Name").Succeeded().Single());

        Run("Get-EvolinkMcpServer | Unregister-EvolinkMcpServer").Succeeded();
        var use = Run("'one', 'two' | Invoke-EvolinkChat -McpServer everything -Force");
        var again = Run("Unregister-EvolinkMcpServer everything");

        Assert.Empty(Run("Get-EvolinkMcpServer").Succeeded().Values);
        var error = Assert.Single(use.AllErrors);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains("No MCP server is registered under the name 'everything'", error.Exception.Message);
        Assert.Contains("Get-EvolinkMcpServer lists", error.ErrorDetails.RecommendedAction);
        Assert.Empty(ChatRequests);
        Assert.Contains("No MCP server is registered under the name 'everything'", Assert.Single(again.AllErrors).Exception.Message);
    }

    [Fact]
    public void A_token_is_never_saved_a_header_in_the_clear_and_a_SecureString_are_refused_and_nothing_is_written()
    {
        var plain = Run("Register-EvolinkMcpServer docs -Url https://mcp.example.com/mcp -Header @{ Authorization = 'Bearer ghp_plainTokenValue' }");
        var secure = Run("Register-EvolinkMcpServer docs -Url https://mcp.example.com/mcp -Header @{ Authorization = (ConvertTo-SecureString 'ghp_secureTokenValue' -AsPlainText -Force) }");
        Run("Register-EvolinkMcpServer docs -Url https://mcp.example.com/mcp -Header @{ Authorization = 'Bearer {secret:DocsToken}' }").Succeeded();

        Assert.Contains("would be saved as text", Assert.Single(plain.AllErrors).Exception.Message);
        Assert.Contains("A SecureString in Headers cannot be registered", Assert.Single(secure.AllErrors).Exception.Message);
        var saved = File.ReadAllText(BookPath);
        Assert.Contains("Bearer {secret:DocsToken}", saved);
        Assert.DoesNotContain("ghp_", saved);
        Assert.DoesNotContain("ghp_", string.Join("\n", plain.AllErrors.Concat(secure.AllErrors).Select(Describe)));
    }

    [Fact]
    public void A_header_from_a_vault_reaches_the_endpoint_alone_and_never_shows_in_the_error()
    {
        using var endpoint = new RefusingEndpoint();
        Run("Microsoft.PowerShell.SecretManagement\\Set-Secret -Name DocsToken -Secret 'tok-from-vault-8842'").Succeeded();
        Run($"Register-EvolinkMcpServer docs -Url {endpoint.Url} -Header @{{ Authorization = 'Bearer {{secret:DocsToken}}' }} -StartTimeoutSec 10").Succeeded();

        var run = Run("Invoke-EvolinkChat 'x' -McpServer docs -Force");

        Assert.Contains("Bearer tok-from-vault-8842", endpoint.Authorizations);
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkMcpServerFailed", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("tok-from-vault-8842", Describe(error) + run.Screen);
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void A_variable_that_is_not_set_stops_the_command_naming_it_before_anything_starts()
    {
        Run("Register-EvolinkMcpServer docs -Url https://mcp.example.com/mcp -Header @{ Authorization = 'Bearer {env:EVOLINK_TEST_UNSET_TOKEN}' }").Succeeded();

        var run = Run("Invoke-EvolinkChat 'x' -McpServer docs -Force");

        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkConfigurationError", error.FullyQualifiedErrorId);
        Assert.Contains("takes its header Authorization from the environment variable EVOLINK_TEST_UNSET_TOKEN, which is not set", error.Exception.Message);
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void Tab_completes_registered_names_after_McpServer()
    {
        Run(RegisterEverything()).Succeeded();
        Run("Register-EvolinkMcpServer docs -Url https://mcp.example.com/mcp").Succeeded();

        var completed = Run("(TabExpansion2 'Invoke-EvolinkChat x -McpServer ev' 33).CompletionMatches.CompletionText").Succeeded().Values;

        Assert.Equal(new object?[] { "everything" }, completed);
    }

    [Fact]
    public void In_an_interactive_chat_a_registered_server_starts_once_lives_for_the_chat_and_is_stopped_at_its_end()
    {
        var marker = "evolink-chat-" + Guid.NewGuid().ToString("N");
        Run(RegisterEverything(marker)).Succeeded();
        var lines = new ConcurrentQueue<string>(new[] { """{"message":"first"}""", """{"message":"second"}""", "/exit" });
        var running = new ConcurrentQueue<int>();
        Shell.UI.Responder = prompt =>
        {
            running.Enqueue(ChildProcesses.With(marker));
            return lines.TryDequeue(out var line) ? line : "/exit";
        };

        var run = RunAtConsole("Enter-EvolinkChat -Model fake-tool-caller -McpServer everything -McpTool echo -Force").Succeeded();

        Assert.Contains("Results: Echo: first", run.Screen);
        Assert.Contains("Results: Echo: first | Echo: second", run.Screen);
        // Before the first request no server runs; after it, the same one process for the rest of the chat.
        Assert.Equal(new[] { 0, 1, 1 }, running.ToArray());
        for (var i = 0; i < 100 && ChildProcesses.With(marker) > 0; i++)
            System.Threading.Thread.Sleep(50);
        Assert.Equal(0, ChildProcesses.With(marker));
    }

    private static string Describe(ErrorRecord error) =>
        error.Exception.Message + "\n" + error.ErrorDetails?.Message + "\n" + error.ErrorDetails?.RecommendedAction + "\n" + error.TargetObject;

    /// <summary>An HTTP endpoint on this machine that notes each request's Authorization header and refuses it (401).</summary>
    private sealed class RefusingEndpoint : IDisposable
    {
        private readonly HttpListener _listener = new();

        public RefusingEndpoint()
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/mcp/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                    Authorizations.Add(context.Request.Headers["Authorization"] ?? "(none)");
                    context.Response.StatusCode = 401;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public ConcurrentBag<string> Authorizations { get; } = new();

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose() => _listener.Close();
    }
}
