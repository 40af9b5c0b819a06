using System;
using System.Collections.Generic;

namespace Evolink.ToolCalling;

/// <summary>
/// What a tool's JSON schema needs to know about one command parameter,
/// taken from PowerShell's parameter metadata by the module (or built by
/// hand in a test).
/// </summary>
public sealed class ToolParameter
{
    public ToolParameter(string name, Type type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>The parameter's .NET type; SwitchParameter is given as bool.</summary>
    public Type Type { get; }

    public bool Mandatory { get; set; }

    /// <summary>ValidateSet's values, sent as an enum.</summary>
    public IList<string>? AllowedValues { get; set; }

    /// <summary>ValidateRange's bounds.</summary>
    public double? Minimum { get; set; }
    public double? Maximum { get; set; }

    /// <summary>ValidatePattern's regular expression.</summary>
    public string? Pattern { get; set; }

    /// <summary>The parameter's help text or HelpMessage.</summary>
    public string? Description { get; set; }
}
