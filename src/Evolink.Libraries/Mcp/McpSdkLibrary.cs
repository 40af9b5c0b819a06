using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Evolink.Libraries.Mcp;

/// <summary>
/// MCP servers reached through the official C# SDK (ModelContextProtocol.Core): a command started with a clean
/// environment and spoken to over its standard input and output, or an endpoint over Streamable HTTP. Found by the
/// engine by name (<see cref="Evolink.Loading.LibraryAdapters"/>).
/// </summary>
public sealed class McpSdkLibrary : IMcpLibrary
{
    public async Task<IMcpConnection> ConnectAsync(McpServer server, CancellationToken cancellationToken)
    {
        var errors = new ServerErrorLines();
        var (transport, broken) = Transport(server, errors);
        using var start = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        start.CancelAfter(server.StartTimeout);
        McpClient? client = null;
        try
        {
            client = await McpClient.CreateAsync(transport, new McpClientOptions
            {
                ClientInfo = new Implementation { Name = "Evolink for PowerShell", Version = typeof(McpSdkLibrary).Assembly.GetName().Version!.ToString(3) },
                InitializationTimeout = server.StartTimeout,
            }, cancellationToken: start.Token).ConfigureAwait(false);
            var tools = await client.ListToolsAsync(cancellationToken: start.Token).ConfigureAwait(false);
            return new McpSdkConnection(server, client, tools.Select(t => new McpToolInfo(server.Name, t.Name, t.Description, t.ProtocolTool.InputSchema)).ToList(), broken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (client is not null)
                await client.DisposeAsync().ConfigureAwait(false);
            var why = broken() is { } reason ? reason
                : ex is OperationCanceledException or TimeoutException ? $"did not complete the handshake within {server.StartTimeout.TotalSeconds:0} s"
                : $"did not start: {ServerErrorLines.Clean(ex.Message).TrimEnd('.')}";
            throw new EvolinkException(EvolinkErrorKind.McpServerFailed,
                $"The MCP server '{server.Name}' ({server.Where}) {why}.{errors.Tail()}", ex, EvolinkRemedy.McpServerStart);
        }
    }

    /// <summary>The transport for the server, and what says why its session broke when this side ended it (a message past the limit).</summary>
    private static (IClientTransport Transport, Func<string?> Broken) Transport(McpServer server, ServerErrorLines errors)
    {
        if (server.Command is { } command)
        {
            // Only the few variables any program needs (the SDK's curated set: PATH, HOME, ...) and the server's own:
            // never the rest of this process's environment, where the API key may be.
            var environment = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
            foreach (var pair in server.Environment)
                environment[pair.Key] = pair.Value;
#if NET
            var process = new ServerProcessTransport(server.Name, command, server.Arguments, server.WorkingDirectory, environment!, server.MaximumMessageBytes, errors);
            return (process, () => process.Broken);
#else
            // Windows PowerShell: the SDK's own stdio transport, whose messages are not bounded in size (docs/dependencies.md).
            return (new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = server.Name,
                Command = command,
                Arguments = server.Arguments.ToList(),
                WorkingDirectory = server.WorkingDirectory,
                InheritEnvironmentVariables = false,
                EnvironmentVariables = environment!,
                ShutdownTimeout = TimeSpan.FromSeconds(2),
                StandardErrorLines = errors.Add,
            }), () => null);
#endif
        }
        var bounded = new BoundedResponses(new System.Net.Http.HttpClientHandler(), server.MaximumMessageBytes);
        var http = new HttpClientTransport(new HttpClientTransportOptions
        {
            Name = server.Name,
            Endpoint = server.Url!,
            TransportMode = HttpTransportMode.StreamableHttp,
            ConnectionTimeout = server.StartTimeout,
            AdditionalHeaders = server.Headers.ToDictionary(h => h.Key, h => h.Value),
        }, new System.Net.Http.HttpClient(bounded), loggerFactory: null, ownsHttpClient: true);
        return (http, () => bounded.Exceeded ? $"sent a reply with a line longer than {server.MaximumMessageBytes / (1024 * 1024)} MB, so its session was closed" : null);
    }
}
