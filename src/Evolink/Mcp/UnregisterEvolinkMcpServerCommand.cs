using System;
using System.Management.Automation;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Removes MCP servers registered by name.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "EvolinkMcpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class UnregisterEvolinkMcpServerCommand : EvolinkCmdlet
{
    /// <summary>The servers to remove (exact names, or the objects Get-EvolinkMcpServer outputs).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var book = McpServerBooks.ForCurrentUser();
        foreach (var name in Name)
        {
            try
            {
                if (!ShouldProcess($"{name} in {book.Path}", "Unregister the MCP server"))
                    continue;
                var removed = book.Update(servers => servers.RemoveAll(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) > 0);
                if (!removed)
                    throw McpServerInput.NotRegistered(name);
            }
            catch (EvolinkException ex)
            {
                WriteEvolinkError(ex, name);
            }
        }
    }
}
