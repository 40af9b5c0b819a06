using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Mcp;

/// <summary>
/// What speaks the Model Context Protocol for the engine: implemented in Evolink.Libraries over the official C# SDK,
/// which loads in the engine's own context (docs/dependencies.md).
/// </summary>
public interface IMcpLibrary
{
    /// <summary>Starts or reaches the server, completes the handshake and reads its tools, within the server's start time.</summary>
    Task<IMcpConnection> ConnectAsync(McpServer server, CancellationToken cancellationToken);
}
