using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>Reads one parameter set of a command into what the engine's tool schema needs.</summary>
internal static class ToolParameters
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm", "UseTransaction",
    };

    public static CommandParameterSetInfo ChooseSet(CommandInfo command, string? name)
    {
        var sets = command.ParameterSets;
        if (name is not null)
            return sets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                    $"{command.Name} has no parameter set '{name}'. Its sets are: {string.Join(", ", sets.Select(s => s.Name))}.");
        return sets.FirstOrDefault(s => s.IsDefault) ?? sets.First();
    }

    public static IEnumerable<ToolParameter> Read(CommandParameterSetInfo set, IDictionary<string, string> help)
    {
        foreach (var parameter in set.Parameters.Where(p => !Common.Contains(p.Name)))
        {
            var type = parameter.ParameterType == typeof(SwitchParameter) ? typeof(bool) : parameter.ParameterType;
            var described = new ToolParameter(parameter.Name, type)
            {
                Mandatory = parameter.IsMandatory,
                Description = help.TryGetValue(parameter.Name, out var text) && !string.IsNullOrWhiteSpace(text) ? text : parameter.HelpMessage,
            };
            foreach (var attribute in parameter.Attributes)
            {
                switch (attribute)
                {
                    case ValidateSetAttribute values:
                        described.AllowedValues = values.ValidValues.ToList();
                        break;
                    case ValidateRangeAttribute range:
                        described.Minimum = Number(range.MinRange);
                        described.Maximum = Number(range.MaxRange);
                        break;
                    case ValidatePatternAttribute pattern:
                        described.Pattern = pattern.RegexPattern;
                        break;
                }
            }
            yield return described;
        }
    }

    private static double? Number(object? value)
    {
        try
        {
            return value is null ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
