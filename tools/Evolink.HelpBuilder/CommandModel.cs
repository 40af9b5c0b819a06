using System.Collections.Generic;

namespace Evolink.HelpBuilder;

/// <summary>How one parameter behaves in one parameter set.</summary>
public sealed record ParameterSetUse(string Set, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

/// <summary>One parameter as the compiled cmdlet declares it.</summary>
public sealed class ParameterModel
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public List<string> Aliases { get; } = new();
    public List<string> AcceptedValues { get; } = new();
    public bool Wildcards { get; init; }
    public string DefaultValue { get; set; } = "None";
    public List<ParameterSetUse> Sets { get; } = new();
    public string? Summary { get; set; }
}

/// <summary>One cmdlet as compiled: what its help page must describe.</summary>
public sealed class CommandModel
{
    public required string Name { get; init; }
    public string? DefaultSet { get; init; }
    public List<string> Sets { get; } = new();
    public List<ParameterModel> Parameters { get; } = new();
    public List<string> InputTypes { get; } = new();
    public List<string> OutputTypes { get; } = new();
}
