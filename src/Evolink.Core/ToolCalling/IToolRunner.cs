using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.ToolCalling;

/// <summary>
/// Runs the tools a caller supplied: the PowerShell module runs commands, a
/// test runs fakes. Whatever a run throws goes back to the model as an error
/// message; it never ends the chat.
/// </summary>
public interface IToolRunner
{
    /// <summary>True for the tools this runner can run; a tool it cannot run is left for the caller.</summary>
    bool CanRun(string toolName);

    /// <summary>Runs one call, its JSON arguments given as plain data (parameter names to values), and returns its output as text.</summary>
    Task<string> RunAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken);
}
