using Evolink.Configuration;
using Evolink.Mcp;

namespace Evolink.Commands;

/// <summary>The user's book of named MCP servers: beside the configuration file, wherever EVOLINK_CONFIG puts that.</summary>
internal static class McpServerBooks
{
    public static McpServerBook ForCurrentUser() => McpServerBook.Beside(ConfigurationStore.ForCurrentUser().Path);
}
