using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Mcp;
using ModelContextProtocol.Client;

namespace Evolink.Libraries.Mcp;

/// <summary>One SDK client session; disposing it ends the session and stops a server process it started.</summary>
internal sealed class McpSdkConnection : IMcpConnection
{
    private readonly McpClient _client;
    private readonly System.Func<string?> _broken;

    public McpSdkConnection(McpServer server, McpClient client, IReadOnlyList<McpToolInfo> tools, System.Func<string?> broken)
    {
        Server = server;
        _client = client;
        Tools = tools;
        _broken = broken;
    }

    public McpServer Server { get; }

    public IReadOnlyList<McpToolInfo> Tools { get; }

    public async Task<McpToolOutput> CallAsync(string tool, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var values = arguments.ToDictionary(pair => pair.Key, pair => (object?)pair.Value);
        ModelContextProtocol.Protocol.CallToolResult result;
        try
        {
            result = await _client.CallToolAsync(tool, values, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (System.Exception ex) when (_broken() is { } why)
        {
            // The session ended because this side closed it: say so, not what the SDK saw of the closing.
            throw new System.IO.IOException($"The MCP server '{Server.Name}' {why}.", ex);
        }
        return new McpToolOutput(McpContent.Text(result, Server.MaximumOutputCharacters), result.IsError == true);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
