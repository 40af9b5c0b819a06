using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Evolink.Commands;

/// <summary>Offers the documented effort levels without restricting what may be typed (new levels appear).</summary>
public sealed class ReasoningEffortCompleter : IArgumentCompleter
{
    private static readonly string[] Levels = { "none", "low", "medium", "high", "xhigh" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Levels.Where(level => level.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
            .Select(level => new CompletionResult(level, level, CompletionResultType.ParameterValue, level));
}
