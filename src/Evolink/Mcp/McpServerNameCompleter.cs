using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>Completes -McpServer and -Name with the names of the registered MCP servers (names are letters, digits, '-' and '_', so never need quoting).</summary>
public sealed class McpServerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        IEnumerable<Evolink.Mcp.McpServer> servers;
        try
        {
            servers = McpServerBooks.ForCurrentUser().Load();
        }
        catch (EvolinkException)
        {
            // A file that cannot be read is reported by the command itself; a completer has no way to say it.
            return Array.Empty<CompletionResult>();
        }
        return servers.Where(s => s.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(s => new CompletionResult(s.Name, s.Name, CompletionResultType.ParameterValue, $"{s.Transport}: {ScreenText.OneLine(s.Where)}"));
    }
}
