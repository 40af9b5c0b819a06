using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Mcp;
using Evolink.Testing;
using Xunit;

namespace Evolink.Core.Tests.Mcp;

/// <summary>
/// The engine and real MCP servers over stdio: the reference server from npm (@modelcontextprotocol/server-everything,
/// installed into tests/McpServers by build.ps1), and a server here that misbehaves on purpose.
/// </summary>
public sealed class McpToolboxTests
{
    private static readonly string Everything = RepositoryPaths.File("tests", "McpServers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
    private static readonly string Misbehaving = Path.Combine(AppContext.BaseDirectory, "Mcp", "misbehaving-server.js");

    private static McpServer EverythingServer() => new() { Name = "everything", Command = "node", Arguments = new[] { Everything, "stdio" } };

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task Offers_each_tool_of_a_real_server_under_its_server_s_name_with_its_schema()
    {
        await using var box = await McpToolbox.ConnectAsync(new[] { EverythingServer() }, Array.Empty<string>(), CancellationToken.None);

        var echo = Assert.Single(box.Definitions, d => d.Function.Name == "everything__echo");
        Assert.Contains("Echoes back", echo.Function.Description);
        Assert.True(echo.Function.Parameters!.Value.GetProperty("properties").TryGetProperty("message", out _));
        Assert.True(box.Definitions.Count >= 10, string.Join(", ", box.Definitions.Select(d => d.Function.Name)));
        Assert.Empty(box.NotOffered);
        Assert.Equal(("everything", "echo"), (box.Describe("everything__echo").Server.Name, box.Describe("everything__echo").Tool));
    }

    [Fact]
    public async Task Calls_a_tool_and_gives_its_text_images_and_resource_links_as_text()
    {
        await using var box = await McpToolbox.ConnectAsync(new[] { EverythingServer() }, Array.Empty<string>(), CancellationToken.None);

        Assert.Equal("Echo: hello there", await box.CallAsync("everything__echo", Json("""{"message":"hello there"}"""), CancellationToken.None));
        Assert.Contains("3", await box.CallAsync("everything__get-sum", Json("""{"a":1,"b":2}"""), CancellationToken.None));
        Assert.Matches(@"\[image, image/png, \d+ bytes\]", await box.CallAsync("everything__get-tiny-image", Json("{}"), CancellationToken.None));
        Assert.Contains("[resource link: ", await box.CallAsync("everything__get-resource-links", Json("""{"count":2}"""), CancellationToken.None));
    }

    [Fact]
    public async Task Arguments_are_checked_against_the_tool_s_schema_before_anything_is_sent()
    {
        await using var box = await McpToolbox.ConnectAsync(new[] { EverythingServer() }, Array.Empty<string>(), CancellationToken.None);

        Assert.Null(box.CheckArguments("everything__get-sum", Json("""{"a":1,"b":2}""")));
        var refused = box.CheckArguments("everything__get-sum", Json("""{"a":"one","b":2}"""));
        Assert.StartsWith("Error: the arguments do not match the schema of 'everything__get-sum'; nothing was run.", refused);
        Assert.Contains("$.a: expected number, got string", refused);
    }

    [Fact]
    public async Task A_filter_offers_only_the_tools_it_names()
    {
        await using var box = await McpToolbox.ConnectAsync(new[] { EverythingServer() }, new[] { "echo", "everything__get-s*" }, CancellationToken.None);

        Assert.Equal(new[] { "everything__echo", "everything__get-structured-content", "everything__get-sum" }, box.Definitions.Select(d => d.Function.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_server_gets_a_clean_environment_never_the_API_key()
    {
        const string Key = "sk-fake-must-not-reach-the-server-0123";
        Environment.SetEnvironmentVariable("EVOLINK_API_KEY", Key);
        try
        {
            var server = EverythingServer();
            server.Environment = new Dictionary<string, string> { ["GIVEN_TO_SERVER"] = "yes" };
            await using var box = await McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None);

            var environment = await box.CallAsync("everything__get-env", Json("{}"), CancellationToken.None);

            Assert.Contains("GIVEN_TO_SERVER", environment);
            Assert.Contains("PATH", environment);
            Assert.DoesNotContain(Key, environment);
            Assert.DoesNotContain("EVOLINK_API_KEY", environment);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EVOLINK_API_KEY", null);
        }
    }

    [Fact]
    public async Task Disposing_stops_the_server_process()
    {
        var marker = "evolink-test-" + Guid.NewGuid().ToString("N");
        var server = EverythingServer();
        server.Arguments = new[] { Everything, "stdio", marker };
        var box = await McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None);
        Assert.NotEqual(0, ChildProcesses.With(marker));

        await box.DisposeAsync();

        await WaitUntil(() => ChildProcesses.With(marker) == 0);
        Assert.Equal(0, ChildProcesses.With(marker));
    }

    [Fact]
    public async Task A_command_that_is_not_there_is_an_error_saying_what_to_do()
    {
        var server = new McpServer { Name = "nothing", Command = "no-such-mcp-server-" + Guid.NewGuid().ToString("N") };

        var error = await Assert.ThrowsAsync<EvolinkException>(() => McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None));

        Assert.Equal(EvolinkErrorKind.McpServerFailed, error.Kind);
        Assert.Equal(EvolinkRemedy.McpServerStart, error.Remedy);
        Assert.StartsWith("The MCP server 'nothing' (no-such-mcp-server-", error.Message);
    }

    [Fact]
    public async Task A_server_that_never_completes_the_handshake_is_given_up_on_in_its_start_time_and_stopped()
    {
        var marker = "evolink-test-" + Guid.NewGuid().ToString("N");
        var server = new McpServer { Name = "mute", Command = "node", Arguments = new[] { "-e", "setInterval(() => {}, 1000)", marker }, StartTimeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EvolinkException>(() => McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None));

        Assert.Equal(EvolinkErrorKind.McpServerFailed, error.Kind);
        Assert.Contains("did not complete the handshake within 2 s", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        await WaitUntil(() => ChildProcesses.With(marker) == 0);
        Assert.Equal(0, ChildProcesses.With(marker));
    }

    [Theory]
    [InlineData("die")]
    [InlineData("silent")]
    public async Task A_server_that_dies_or_goes_silent_mid_call_is_an_error_the_call_ends_with(string mode)
    {
        var server = new McpServer { Name = "bad", Command = "node", Arguments = new[] { Misbehaving, mode }, CallTimeout = TimeSpan.FromSeconds(2) };
        await using var box = await McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => box.CallAsync("bad__work", Json("{}"), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        if (mode == "silent")
            Assert.Contains("did not answer within 2 s", error.Message);
    }

    [Fact]
    public async Task A_flood_of_output_is_cut_to_the_server_s_limit()
    {
        var server = new McpServer { Name = "bad", Command = "node", Arguments = new[] { Misbehaving, "flood" }, MaximumOutputCharacters = 1000 };
        await using var box = await McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None);

        var output = await box.CallAsync("bad__work", Json("{}"), CancellationToken.None);

        Assert.StartsWith(new string('x', 1000) + "\n[Output cut: the first 1000 of ", output);
        Assert.True(output.Length < 1100);
    }

    [Fact]
    public async Task A_message_that_never_ends_closes_the_session_at_the_limit_instead_of_filling_memory()
    {
        var server = new McpServer { Name = "bad", Command = "node", Arguments = new[] { Misbehaving, "endless" }, MaximumMessageBytes = 4L * 1024 * 1024, CallTimeout = TimeSpan.FromSeconds(30) };
        await using var box = await McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None);
        var watch = Stopwatch.StartNew();

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => box.CallAsync("bad__work", Json("{}"), CancellationToken.None));

        Assert.Equal("The MCP server 'bad' sent a message longer than 4 MB, so its session was closed.", failed.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}: the limit did not stop the read");
    }

    [Fact]
    public async Task An_endpoint_whose_reply_never_ends_is_refused_at_the_limit()
    {
        // An endpoint on this machine that answers the handshake with an event stream whose one line never ends.
        using var endpoint = new System.Net.HttpListener();
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        endpoint.Prefixes.Add($"http://127.0.0.1:{port}/mcp/");
        endpoint.Start();
        var serving = Task.Run(async () =>
        {
            var context = await endpoint.GetContextAsync();
            context.Response.ContentType = "text/event-stream";
            context.Response.SendChunked = true;
            var chunk = System.Text.Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            try
            {
                await context.Response.OutputStream.WriteAsync(System.Text.Encoding.ASCII.GetBytes("data: "));
                for (var sent = 0; sent < 64 * 1024 * 1024; sent += chunk.Length)
                    await context.Response.OutputStream.WriteAsync(chunk);
            }
            catch (Exception ex) when (ex is System.Net.HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client hung up: what the test wants.
            }
        });
        var server = new McpServer { Name = "remote", Url = new Uri($"http://127.0.0.1:{port}/mcp/"), MaximumMessageBytes = 2L * 1024 * 1024, StartTimeout = TimeSpan.FromSeconds(20) };

        var refused = await Assert.ThrowsAsync<EvolinkException>(() => McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None));

        Assert.Equal(EvolinkErrorKind.McpServerFailed, refused.Kind);
        Assert.Contains("sent a reply with a line longer than 2 MB, so its session was closed", refused.Message);
    }

    [Fact]
    public async Task Ctrl_C_mid_call_ends_the_call_at_once()
    {
        var server = new McpServer { Name = "bad", Command = "node", Arguments = new[] { Misbehaving, "silent" } };
        await using var box = await McpToolbox.ConnectAsync(new[] { server }, Array.Empty<string>(), CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => box.CallAsync("bad__work", Json("{}"), stop.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Reaches_a_real_server_over_Streamable_HTTP()
    {
        // The reference server, run by the test as its own HTTP service on a free port of this machine.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Everything);
        start.ArgumentList.Add("streamableHttp");
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var service = Process.Start(start)!;
        try
        {
            var listening = new TaskCompletionSource();
            service.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true) listening.TrySetResult(); };
            service.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
            var server = new McpServer { Name = "remote", Url = new Uri($"http://127.0.0.1:{port}/mcp"), Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer not-a-real-token" } };

            await using var box = await McpToolbox.ConnectAsync(new[] { server }, new[] { "echo" }, CancellationToken.None);

            Assert.Equal(new[] { "remote__echo" }, box.Definitions.Select(d => d.Function.Name));
            Assert.Equal("Echo: over HTTP", await box.CallAsync("remote__echo", Json("""{"message":"over HTTP"}"""), CancellationToken.None));
        }
        finally
        {
            service.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("", "node", null, "cannot name an MCP server")]
    [InlineData("two words", "node", null, "cannot name an MCP server")]
    [InlineData("both", "node", "https://mcp.example.test/", "not both")]
    [InlineData("neither", null, null, "not neither")]
    [InlineData("plain", null, "http://mcp.example.test/", "must be https")]
    public void A_server_described_wrongly_is_refused_saying_how(string name, string? command, string? url, string says)
    {
        var server = new McpServer { Name = name, Command = command, Url = url is null ? null : new Uri(url) };

        var error = Assert.Throws<EvolinkException>(server.Check);

        Assert.Equal(EvolinkRemedy.McpServerShape, error.Remedy);
        Assert.Contains(says, error.Message);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50);
    }
}
