using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Makes a PowerShell command or script block into a tool the model may call.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "EvolinkTool", DefaultParameterSetName = CommandSet)]
[OutputType(typeof(PowerShellTool))]
public sealed class NewEvolinkToolCommand : EvolinkCmdlet
{
    private const string CommandSet = "Command";
    private const string ScriptBlockSet = "ScriptBlock";
    private const string DefinitionSet = "Definition";

    /// <summary>The command to offer: from Get-Command, or its name.</summary>
    [Parameter(ParameterSetName = CommandSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Command { get; set; }

    /// <summary>The parameter set whose parameters the model sees; the default set when left out.</summary>
    [Parameter(ParameterSetName = CommandSet)]
    [ValidateNotNullOrEmpty]
    public string? ParameterSet { get; set; }

    /// <summary>A script block with a param() block; its parameters become the tool's arguments.</summary>
    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public ScriptBlock? ScriptBlock { get; set; }

    /// <summary>The tool's name as the model sees it; the command's name by default.</summary>
    [Parameter(ParameterSetName = CommandSet)]
    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = DefinitionSet, Mandatory = true, Position = 0)]
    [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
    public string? Name { get; set; }

    /// <summary>What the tool does, for the model; the command's synopsis by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>A hand-written JSON schema of the arguments (hashtable or JSON text), for a tool whose calls the caller handles.</summary>
    [Parameter(ParameterSetName = DefinitionSet, Mandatory = true, Position = 1)]
    [Alias("JsonSchema")]
    [ValidateNotNull]
    public object? Schema { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(ParameterSetName switch
            {
                ScriptBlockSet => FromScriptBlock(),
                DefinitionSet => FromDefinition(),
                _ => FromCommand(ResolveCommand(), null),
            });
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, Command ?? Name);
        }
    }

    private CommandInfo ResolveCommand()
    {
        var value = Command is PSObject wrapped ? wrapped.BaseObject : Command;
        if (value is CommandInfo info)
            return info is AliasInfo alias ? alias.ResolvedCommand : info;
        var name = value?.ToString() ?? string.Empty;
        return InvokeCommand.GetCommand(name, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias | CommandTypes.ExternalScript) switch
        {
            AliasInfo alias => alias.ResolvedCommand,
            { } found => found,
            null => throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"There is no command named '{name}'. Check the name, or import its module first."),
        };
    }

    private PowerShellTool FromCommand(CommandInfo command, ScriptBlock? scriptBlock)
    {
        var set = ToolParameters.ChooseSet(command, ParameterSet);
        var (synopsis, help) = Help(command);
        // A script block runs as a function of a throwaway name: the tool is known by the name given to it.
        var name = Name ?? command.Name;
        if (Description is null && string.IsNullOrWhiteSpace(synopsis))
            Warning($"'{name}' has no help to describe it, so the tool has no description. Give one with -Description, so the model knows when to call it.");
        var definition = ToolSchema.Build(name, Description ?? synopsis, ToolParameters.Read(set, help));
        return new PowerShellTool(definition, scriptBlock is null ? command : null, scriptBlock);
    }

    /// <summary>The script block becomes a function in a throwaway scope, so PowerShell itself reads its param() block.</summary>
    private PowerShellTool FromScriptBlock()
    {
        var function = InvokeCommand.InvokeScript("param($Body) ${function:Evolink-ToolBody} = $Body; Get-Command Evolink-ToolBody", true,
            System.Management.Automation.Runspaces.PipelineResultTypes.None, null, ScriptBlock).Select(o => o.BaseObject).OfType<CommandInfo>().Single();
        return FromCommand(function, ScriptBlock);
    }

    private PowerShellTool FromDefinition()
    {
        return new PowerShellTool(ToolSchema.FromSchema(Name!, Description, PowerShellData.Unwrap(Schema)!, GetUnresolvedProviderPathFromPSPath), null, null);
    }

    /// <summary>The synopsis and parameter descriptions from the command's help, when it has any.</summary>
    private (string? Synopsis, IDictionary<string, string> Parameters) Help(CommandInfo command)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            // Get-Help shows a progress bar while it builds its cache; a tool is made without flashing one.
            var help = InvokeCommand.InvokeScript("param($Name) $ProgressPreference = 'SilentlyContinue'; Get-Help $Name -Full -ErrorAction Stop", true,
                System.Management.Automation.Runspaces.PipelineResultTypes.None, null, command.Name).FirstOrDefault();
            if (help is null)
                return (null, parameters);
            var synopsis = help.Properties["Synopsis"]?.Value?.ToString()?.Trim();
            if (synopsis is not null && synopsis.StartsWith(command.Name, StringComparison.OrdinalIgnoreCase))
                synopsis = null; // Without real help, Get-Help's synopsis is only the syntax.
            foreach (var parameter in Items(Items(help.Properties["parameters"]?.Value, "parameter")))
            {
                var name = parameter.Properties["name"]?.Value?.ToString();
                var text = string.Join(" ", Items(parameter.Properties["description"]?.Value).Select(d => d.Properties["Text"]?.Value?.ToString()).Where(t => !string.IsNullOrWhiteSpace(t)));
                if (name is not null && text.Length > 0)
                    parameters[name] = text;
            }
            return (synopsis, parameters);
        }
        catch (RuntimeException)
        {
            return (null, parameters);
        }
    }

    private static IEnumerable<PSObject> Items(object? value, string? property = null)
    {
        if (value is PSObject wrapped && property is not null)
            value = wrapped.Properties[property]?.Value;
        if (value is PSObject single && single.BaseObject is not IEnumerable)
            return new[] { single };
        return value is IEnumerable many and not string ? many.Cast<object>().Select(PSObject.AsPSObject) : Enumerable.Empty<PSObject>();
    }
}
