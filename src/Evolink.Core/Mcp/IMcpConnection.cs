using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Mcp;

/// <summary>A connected server. Disposing it ends the session and stops a server it started, with its child processes.</summary>
public interface IMcpConnection : IAsyncDisposable
{
    McpServer Server { get; }

    IReadOnlyList<McpToolInfo> Tools { get; }

    /// <summary>Calls a tool with arguments already checked against its schema; a server error is an output with IsError, a dead server an exception.</summary>
    Task<McpToolOutput> CallAsync(string tool, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken);
}
