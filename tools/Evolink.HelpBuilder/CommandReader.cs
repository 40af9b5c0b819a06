using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Xml.Linq;

namespace Evolink.HelpBuilder;

/// <summary>
/// Describes the module's cmdlets as PowerShell itself sees them: the module
/// imported into a runspace of the real engine and its commands taken from
/// Get-Command, so parameter sets, positions, pipeline binding, aliases and
/// validation are what binding will use. A parameter's default is read from a
/// new instance of the cmdlet (the value its property starts with), or from
/// its PSDefaultValue attribute where the default is decided at run time.
/// </summary>
public static class CommandReader
{
    private const string AllSets = "__AllParameterSets";

    /// <summary>Imports the module from <paramref name="manifestPath"/> into a runspace of its own and reads every cmdlet.</summary>
    public static List<CommandModel> Read(string manifestPath, string? summariesPath = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { manifestPath });
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        return Read(runspace, summariesPath);
    }

    /// <summary>Reads every cmdlet of the Evolink module imported in <paramref name="runspace"/>.</summary>
    public static List<CommandModel> Read(Runspace runspace, string? summariesPath = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        var cmdlets = shell.AddCommand("Get-Command").AddParameter("Module", "Evolink").AddParameter("CommandType", CommandTypes.Cmdlet)
            .Invoke().Select(o => (CmdletInfo)o.BaseObject).ToList();
        if (cmdlets.Count == 0)
            throw new InvalidOperationException("The Evolink module has no cmdlets in this runspace; was it imported?");
        var summaries = Summaries(summariesPath);
        return cmdlets.Select(c => Describe(c, summaries)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static CommandModel Describe(CmdletInfo cmdlet, Dictionary<string, string> summaries)
    {
        var type = cmdlet.ImplementingType;
        var fresh = Activator.CreateInstance(type)!;
        var command = new CommandModel { Name = cmdlet.Name, DefaultSet = cmdlet.DefaultParameterSet };
        foreach (var metadata in cmdlet.Parameters.Values.Where(p => !IsCommon(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var property = type.GetProperty(metadata.Name);
            var parameter = new ParameterModel
            {
                Name = metadata.Name,
                TypeName = TypeName(metadata.ParameterType),
                Wildcards = metadata.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
                Summary = property is null ? ShouldProcessSummary(metadata.Name) : summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}"),
                DefaultValue = DefaultOf(property, fresh, metadata.ParameterType),
            };
            parameter.Aliases.AddRange(metadata.Aliases);
            foreach (var set in metadata.Attributes.OfType<ValidateSetAttribute>())
                parameter.AcceptedValues.AddRange(set.ValidValues);
            // The default set first, as Get-Help lists it, then the others by name.
            foreach (var (setName, use) in metadata.ParameterSets.OrderBy(s => s.Key != cmdlet.DefaultParameterSet).ThenBy(s => s.Key, StringComparer.Ordinal))
            {
                parameter.Sets.Add(new ParameterSetUse(setName == AllSets ? "(All)" : setName, use.IsMandatory,
                    use.Position == int.MinValue ? null : use.Position, use.ValueFromPipeline, use.ValueFromPipelineByPropertyName));
                if (setName != AllSets && !command.Sets.Contains(setName))
                    command.Sets.Add(setName);
                if ((use.ValueFromPipeline || use.ValueFromPipelineByPropertyName) && !command.InputTypes.Contains(FullTypeName(metadata.ParameterType)))
                    command.InputTypes.Add(FullTypeName(metadata.ParameterType));
            }
            command.Parameters.Add(parameter);
        }
        command.Sets.Sort(StringComparer.Ordinal);
        command.InputTypes.Sort(StringComparer.Ordinal);
        command.OutputTypes.AddRange(cmdlet.OutputType.Select(t => t.Type is { } known ? FullTypeName(known) : t.Name).Distinct());
        command.OutputTypes.Sort(StringComparer.Ordinal);
        return command;
    }

    /// <summary>The common parameters every cmdlet has are left to about_CommonParameters, as PlatyPS does; -WhatIf and -Confirm are described.</summary>
    private static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name);

    private static string? ShouldProcessSummary(string name) => name switch
    {
        "WhatIf" => "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        "Confirm" => "Prompts you for confirmation before running the cmdlet.",
        _ => null,
    };

    private static string DefaultOf(PropertyInfo? property, object fresh, Type type)
    {
        if (property?.GetCustomAttribute<PSDefaultValueAttribute>() is { } declared)
            return declared.Help ?? Convert.ToString(declared.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "None";
        if (type == typeof(SwitchParameter))
            return "False";
        var value = property?.GetValue(fresh);
        return value switch
        {
            null => "None",
            string text => text,
            IFormattable formattable when !value.Equals(Activator.CreateInstance(value.GetType())) => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => "None",
        };
    }

    /// <summary>The short name PlatyPS shows: String, Int32[], SwitchParameter; Nullable&lt;T&gt; shows as T.</summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return TypeName(inner);
        return type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;
    }

    private static string FullTypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return FullTypeName(inner);
        return type.IsArray ? FullTypeName(type.GetElementType()!) + "[]" : type.FullName!;
    }

    /// <summary>The build's XML documentation: a parameter's summary seeds its description on a new page.</summary>
    private static Dictionary<string, string> Summaries(string? xmlPath)
    {
        if (xmlPath is null || !File.Exists(xmlPath))
            return new Dictionary<string, string>();
        return XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .GroupBy(m => (string)m.Attribute("name")!)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.First().Element("summary")!.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }
}
