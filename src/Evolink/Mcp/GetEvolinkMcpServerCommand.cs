using System.Linq;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Mcp;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Lists the MCP servers registered by name, as -McpServer will use them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkMcpServer")]
[OutputType(typeof(McpServer))]
public sealed class GetEvolinkMcpServerCommand : EvolinkCmdlet
{
    /// <summary>Only these servers (wildcards). A name without wildcards that is not registered is an error.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerNameCompleter))]
    public string[]? Name { get; set; }

    private System.Collections.Generic.IReadOnlyList<McpServer>? _servers;

    protected override void ProcessRecord()
    {
        try
        {
            _servers ??= McpServerBooks.ForCurrentUser().Load();
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
            return;
        }
        if (Name is null)
        {
            WriteObject(_servers, enumerateCollection: true);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var found = _servers.Where(s => pattern.IsMatch(s.Name)).ToList();
            if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteEvolinkError(McpServerInput.NotRegistered(name), name);
            WriteObject(found, enumerateCollection: true);
        }
    }
}
