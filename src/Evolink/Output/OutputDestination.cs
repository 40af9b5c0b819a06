using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Evolink.Commands;

/// <summary>
/// Whether what a command outputs goes straight to the host, read from the
/// statement that ran it: the last command of its pipeline, in a statement of
/// its own (not assigned, not in parentheses, a sub-expression or a script
/// block, not redirected to a file), at the top of the command line or script.
/// A streamed reply whose text was already shown uses this so that the console
/// shows the text once while a file, a variable or a pipe still gets it.
/// Anything this cannot read (a statement over several lines, a host that
/// gives no line) counts as not straight to the host: output is then written
/// as usual, so nothing is ever lost, at worst shown twice.
/// </summary>
internal static class OutputDestination
{
    /// <param name="invocation">The command's own MyInvocation.</param>
    /// <param name="typed">Only when the command was typed at the prompt (or given to pwsh -Command), not run from inside a function or script block.</param>
    public static bool StraightToHost(InvocationInfo invocation, bool typed)
    {
        if (invocation.PipelinePosition != invocation.PipelineLength || string.IsNullOrEmpty(invocation.Line))
            return false;
        if (typed && invocation.CommandOrigin != CommandOrigin.Runspace)
            return false;
        var script = Parser.ParseInput(invocation.Line, out _, out var errors);
        if (errors.Length > 0)
            return false;
        var command = script.Find(ast => ast is CommandAst c && c.Extent.StartColumnNumber == invocation.OffsetInLine, searchNestedScriptBlocks: true) as CommandAst;
        if (command is null || command.Redirections.Any(TakesOutput) || command.Parent is not PipelineAst pipeline || pipeline.PipelineElements.Last() != command)
            return false;
        for (var node = pipeline.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ScriptBlockAst root when root.Parent is null:
                    return true;
                case NamedBlockAst or StatementBlockAst or IfStatementAst or LoopStatementAst or SwitchStatementAst or TryStatementAst or CatchClauseAst:
                    continue;
                default:
                    // Assigned, in parentheses or $( ), inside a script block or function whose output goes who knows where.
                    return false;
            }
        }
        return false;
    }

    private static bool TakesOutput(RedirectionAst redirection) =>
        redirection.FromStream is RedirectionStream.Output or RedirectionStream.All;
}
