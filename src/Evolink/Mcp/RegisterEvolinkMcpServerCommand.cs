using System;
using System.Collections;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Mcp;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Names an MCP server once, so that -McpServer can use it by name in every session.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "EvolinkMcpServer", SupportsShouldProcess = true, DefaultParameterSetName = CommandSet)]
[OutputType(typeof(McpServer))]
public sealed class RegisterEvolinkMcpServerCommand : EvolinkCmdlet
{
    private const string CommandSet = "Command";
    private const string UrlSet = "Url";

    /// <summary>The server's name: up to 32 letters, digits, '-' or '_'. Its tools are offered to the model as name__tool.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The program that runs the server, spoken to over standard input and output (npx, node, python, docker, …).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = CommandSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Command { get; set; }

    /// <summary>The program's arguments, each passed as it is (no shell in between).</summary>
    [Parameter(Position = 2, ParameterSetName = CommandSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Arguments")]
    public string[]? ArgumentList { get; set; }

    /// <summary>Variables the server gets beside PATH, HOME and the few any program needs (never the others of this session, so never the API key). A value may name where it comes from: '{env:NAME}' or '{secret:Name}'.</summary>
    [Parameter(ParameterSetName = CommandSet, ValueFromPipelineByPropertyName = true)]
    public Hashtable? Environment { get; set; }

    /// <summary>The folder the server starts in.</summary>
    [Parameter(ParameterSetName = CommandSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>The server's endpoint (Streamable HTTP): https, or http on this machine.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = UrlSet, ValueFromPipelineByPropertyName = true)]
    public Uri? Url { get; set; }

    /// <summary>Headers sent to the endpoint, each naming where its value comes from, such as @{ Authorization = 'Bearer {secret:McpToken}' } or @{ 'X-Api-Key' = '{env:DOCS_KEY}' }: no token is written to the file.</summary>
    [Parameter(ParameterSetName = UrlSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Headers")]
    public Hashtable? Header { get; set; }

    /// <summary>How long the server may take to start and answer (seconds, default 30).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 3600)]
    public int StartTimeoutSec { get; set; } = 30;

    /// <summary>How long one tool call may take (seconds, default 60).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 3600)]
    public int CallTimeoutSec { get; set; } = 60;

    /// <summary>The most characters of one call's output handed to the model (default 20,000); the rest is cut, with a note.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(100, 10_000_000)]
    public int MaximumOutput { get; set; } = 20_000;

    /// <summary>The largest single message the server may send, in MB (default 16); a longer one ends its session instead of filling memory.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 1024)]
    public int MaximumMessageMB { get; set; } = 16;

    /// <summary>Replace a server already registered under this name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Output the server as registered.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var server = McpServerInput.Read(new object[]
            {
                new Hashtable
                {
                    ["Name"] = Name, ["Command"] = Command, ["Arguments"] = ArgumentList, ["Environment"] = Environment,
                    ["WorkingDirectory"] = WorkingDirectory, ["Url"] = Url, ["Headers"] = Header, ["StartTimeoutSec"] = StartTimeoutSec,
                    ["CallTimeoutSec"] = CallTimeoutSec, ["MaximumOutput"] = MaximumOutput, ["MaximumMessageMB"] = MaximumMessageMB,
                },
            }, saved: true)[0];
            McpValueReferences.CheckSavable(server);
            var book = McpServerBooks.ForCurrentUser();
            if (!ShouldProcess($"{server.Name} ({server.Transport}: {ScreenText.OneLine(server.Where)}) in {book.Path}", "Register the MCP server"))
                return;
            book.Update(servers =>
            {
                var index = servers.FindIndex(s => string.Equals(s.Name, server.Name, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    servers.Add(server);
                    return true;
                }
                if (!Force)
                    throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                        $"An MCP server named '{servers[index].Name}' is already registered; add -Force to replace it, or choose another name.");
                servers[index] = server;
                return true;
            });
            if (PassThru)
                WriteObject(server);
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, Name);
        }
    }
}
