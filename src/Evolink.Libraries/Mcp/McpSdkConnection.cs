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

    public McpSdkConnection(McpServer server, McpClient client, IReadOnlyList<McpToolInfo> tools)
    {
        Server = server;
        _client = client;
        Tools = tools;
    }

    public McpServer Server { get; }

    public IReadOnlyList<McpToolInfo> Tools { get; }

    public async Task<McpToolOutput> CallAsync(string tool, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var values = arguments.ToDictionary(pair => pair.Key, pair => (object?)pair.Value);
        var result = await _client.CallToolAsync(tool, values, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new McpToolOutput(McpContent.Text(result, Server.MaximumOutputCharacters), result.IsError == true);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
