using System.Management.Automation;
using Evolink.Chat;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>A tool the model may call, and the PowerShell command or script block that runs it.</summary>
public sealed class PowerShellTool
{
    internal PowerShellTool(ToolDefinition definition, CommandInfo? command, ScriptBlock? scriptBlock)
    {
        Definition = definition;
        Command = command;
        ScriptBlock = scriptBlock;
    }

    public string Name => Definition.Function.Name;

    public string? Description => Definition.Function.Description;

    /// <summary>The JSON schema of the arguments, as text.</summary>
    public string Schema => ToolSchema.SchemaText(Definition);

    /// <summary>What is sent to the model.</summary>
    public ToolDefinition Definition { get; }

    /// <summary>The command that runs a call; null for a script block or a definition only.</summary>
    public CommandInfo? Command { get; }

    public ScriptBlock? ScriptBlock { get; }

    /// <summary>False for a hand-written definition with nothing to run: its calls are left to the caller.</summary>
    public bool CanRun => Command is not null || ScriptBlock is not null;

    public override string ToString() => Name;
}
