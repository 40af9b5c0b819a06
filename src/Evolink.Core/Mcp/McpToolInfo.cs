using System.Text.Json;

namespace Evolink.Mcp;

/// <summary>One tool a server offers, as the server described it.</summary>
public sealed class McpToolInfo
{
    public McpToolInfo(string server, string name, string? description, JsonElement inputSchema)
    {
        Server = server;
        Name = name;
        Description = description;
        InputSchema = inputSchema;
    }

    public string Server { get; }

    /// <summary>The tool's name on its server.</summary>
    public string Name { get; }

    public string? Description { get; }

    /// <summary>The JSON schema of its arguments.</summary>
    public JsonElement InputSchema { get; }

    /// <summary>The same schema as JSON text, for showing.</summary>
    public string InputSchemaText => InputSchema.GetRawText();
}
