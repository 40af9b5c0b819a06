using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Mcp;
using Evolink.Serialization;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>
/// Runs the model's calls of MCP servers' tools with the rules of PowerShell tools: the arguments checked against the
/// tool's schema first (a mismatch goes back to the model, nobody is asked), then one confirmation per call naming the
/// server, the tool and the arguments (on the pipeline thread, made safe for the terminal), then the call itself off
/// the pipeline thread, bounded in time and output by the engine.
/// </summary>
internal sealed class McpToolRunner : IToolRunner
{
    private const int ShownArguments = 300;

    private readonly McpToolbox _toolbox;
    private readonly Action<Action> _post;
    private readonly ToolConsent _consent;
    private readonly EvolinkCmdlet _cmdlet;

    public McpToolRunner(McpToolbox toolbox, EvolinkCmdlet cmdlet, Action<Action> post, ToolConsent consent)
    {
        _toolbox = toolbox;
        _cmdlet = cmdlet;
        _post = post;
        _consent = consent;
    }

    public bool CanRun(string toolName) => _toolbox.Offers(toolName);

    public async Task<string> RunAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        if (_toolbox.CheckArguments(toolName, arguments) is { } mismatch)
            return mismatch;
        var (server, tool) = _toolbox.Describe(toolName);
        var json = PlainData.ToJsonText(arguments);
        var shown = $"{ScreenText.OneLine(tool)} on the MCP server {ScreenText.OneLine(server.Name)} ({ScreenText.OneLine(server.Where)}) with {ScreenText.OneLine(json.Length > ShownArguments ? json.Substring(0, ShownArguments) + "..." : json)}";
        var allowed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _post(() =>
        {
            try
            {
                _cmdlet.Verbose($"The model calls: {shown}");
                allowed.SetResult(_consent.Allows(shown));
            }
            catch (Exception ex)
            {
                allowed.SetException(ex);
            }
        });
        if (!await allowed.Task.ConfigureAwait(false))
            return "The user declined this call.";
        return await _toolbox.CallAsync(toolName, arguments, cancellationToken).ConfigureAwait(false);
    }
}
