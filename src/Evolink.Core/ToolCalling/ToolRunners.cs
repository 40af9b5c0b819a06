using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.ToolCalling;

/// <summary>Several runners as one (PowerShell commands and MCP servers' tools): each call goes to the first that can run it.</summary>
public sealed class ToolRunners : IToolRunner
{
    private readonly IReadOnlyList<IToolRunner> _runners;

    public ToolRunners(IEnumerable<IToolRunner> runners) => _runners = runners.ToList();

    public bool CanRun(string toolName) => _runners.Any(r => r.CanRun(toolName));

    public Task<string> RunAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        _runners.First(r => r.CanRun(toolName)).RunAsync(toolName, arguments, cancellationToken);
}
