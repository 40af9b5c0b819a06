using System;
using System.Linq;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Mcp;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Lists the tools of MCP servers, with their schemas: what Invoke-EvolinkChat -McpServer would offer the model.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkMcpTool")]
[OutputType(typeof(McpToolEntry))]
public sealed class GetEvolinkMcpToolCommand : EvolinkCmdlet
{
    /// <summary>The servers: the name of a server registered with Register-EvolinkMcpServer, a hashtable such as @{ Name = 'files'; Command = 'npx'; Arguments = '-y', '@modelcontextprotocol/server-filesystem', $HOME }, or an https URL.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerNameCompleter))]
    public object[] McpServer { get; set; } = Array.Empty<object>();

    /// <summary>Only these tools (wildcards; the tool's own name or server__tool), as -McpTool of Invoke-EvolinkChat chooses them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? McpTool { get; set; }

    private readonly System.Collections.Generic.List<object> _given = new();

    /// <summary>Servers piped in (from Get-EvolinkMcpServer) are gathered and connected together at the end.</summary>
    protected override void ProcessRecord() => _given.AddRange(McpServer);

    protected override void EndProcessing()
    {
        McpToolbox toolbox;
        try
        {
            var servers = McpServerInput.Resolve(McpServerInput.Read(_given), this);
            toolbox = Await(token => McpToolbox.ConnectAsync(servers, McpTool ?? Array.Empty<string>(), token));
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
            return;
        }
        try
        {
            foreach (var left in toolbox.NotOffered)
                Warning($"Not offered to the model: {ScreenText.OneLine(left)}");
            var offered = toolbox.Definitions.Select(d => d.Function.Name).ToList();
            foreach (var tool in toolbox.AllTools)
            {
                var name = tool.Server + "__" + tool.Name;
                var chosen = offered.Contains(name);
                // A filter that leaves a tool out leaves it out of the list too; a tool Evolink cannot offer is listed, marked.
                if (!chosen && toolbox.NotOffered.All(n => !n.StartsWith(tool.Server + ": '" + tool.Name + "'", StringComparison.Ordinal)))
                    continue;
                WriteObject(new McpToolEntry(tool.Server, tool.Name, name, tool.Description, tool.InputSchemaText, chosen));
            }
        }
        finally
        {
            toolbox.CloseAsync().GetAwaiter().GetResult();
        }
    }
}
