namespace Evolink.Commands;

/// <summary>One tool of an MCP server, as Get-EvolinkMcpTool shows it: what the model would be offered.</summary>
public sealed class McpToolEntry
{
    internal McpToolEntry(string server, string name, string offeredAs, string? description, string inputSchema, bool offered)
    {
        Server = server;
        Name = name;
        OfferedAs = offeredAs;
        Description = description;
        InputSchema = inputSchema;
        Offered = offered;
    }

    public string Server { get; }

    /// <summary>The tool's name on its server.</summary>
    public string Name { get; }

    /// <summary>The name the model calls it by.</summary>
    public string OfferedAs { get; }

    public string? Description { get; }

    /// <summary>The JSON schema of its arguments, as the server gave it.</summary>
    public string InputSchema { get; }

    /// <summary>False when Evolink leaves it out (its schema cannot be checked, or its name cannot be offered); a warning says why.</summary>
    public bool Offered { get; }
}
