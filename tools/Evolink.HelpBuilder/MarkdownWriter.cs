using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Evolink.HelpBuilder;

/// <summary>
/// Writes a PlatyPS markdown page: everything the compiled cmdlet declares
/// (syntax, parameter yaml, input and output types) comes from the metadata;
/// every piece of prose comes from the page as it stands.
/// </summary>
public static class MarkdownWriter
{
    public const string Placeholder = "{{ Fill in";

    public static string Write(CommandModel command, HelpDocument? existing)
    {
        var text = new StringBuilder();
        text.Append("---\nexternal help file: Evolink.dll-Help.xml\nModule Name: Evolink\nonline version:\nschema: 2.0.0\n---\n\n");
        text.Append($"# {command.Name}\n\n## SYNOPSIS\n{Or(existing?.Synopsis, "Synopsis")}\n\n## SYNTAX\n\n");
        foreach (var set in SetsOf(command))
        {
            var heading = set == "__AllParameterSets" ? set : set + (set == command.DefaultSet ? " (Default)" : string.Empty);
            text.Append($"### {heading}\n```\n{SyntaxLine(command, set)}\n```\n\n");
        }
        text.Append($"## DESCRIPTION\n{Or(existing?.Description, "Description")}\n\n## EXAMPLES\n\n");
        var examples = existing?.Examples.Count > 0 ? existing.Examples : new List<HelpExample> { new("Example 1", "PS C:\\> {{ Add example code here }}", "{{ Add example description here }}") };
        foreach (var example in examples)
            text.Append($"### {example.Title}\n```powershell\n{example.Code}\n```\n\n{example.Remarks}\n\n");
        text.Append("## PARAMETERS\n\n");
        foreach (var parameter in command.Parameters)
        {
            var description = existing?.Parameters.FirstOrDefault(p => p.Name == parameter.Name)?.Description;
            text.Append($"### -{parameter.Name}\n{Or(IsBlank(description) ? parameter.Summary : description, $"{parameter.Name} Description")}\n\n");
            foreach (var block in Blocks(parameter))
            {
                text.Append("```yaml\n");
                foreach (var (key, value) in block)
                    text.Append(key.Length == 0 ? "\n" : $"{key}: {value}\n".Replace(": \n", ":\n"));
                text.Append("```\n\n");
            }
        }
        text.Append("### CommonParameters\nThis cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, " +
                    "-OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. " +
                    "For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).\n\n");
        Types(text, "INPUTS", command.InputTypes.Count > 0 ? command.InputTypes : new List<string> { "None" }, existing?.Inputs);
        Types(text, "OUTPUTS", command.OutputTypes, existing?.Outputs);
        text.Append($"## NOTES\n{existing?.Notes ?? string.Empty}\n\n## RELATED LINKS\n\n");
        foreach (var (label, uri) in existing?.Links ?? new List<(string, string)>())
            text.Append($"[{label}]({uri})\n\n");
        return text.ToString().TrimEnd('\n') + "\n";
    }

    public static IEnumerable<string> SetsOf(CommandModel command) =>
        command.Sets.Count == 0 ? new[] { "__AllParameterSets" } : command.Sets.OrderBy(s => s == command.DefaultSet ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal);

    public static IEnumerable<(ParameterModel Parameter, ParameterSetUse Use)> InSet(CommandModel command, string set) =>
        command.Parameters
            .Select(p => (Parameter: p, Use: p.Sets.FirstOrDefault(u => u.Set == set) ?? p.Sets.FirstOrDefault(u => u.Set == "(All)")))
            .Where(x => x.Use is not null)
            .Select(x => (x.Parameter, x.Use!))
            .OrderBy(x => x.Item2.Position ?? int.MaxValue).ThenBy(x => x.Item2.Mandatory ? 0 : 1).ThenBy(x => x.Parameter.Name, StringComparer.Ordinal);

    private static string SyntaxLine(CommandModel command, string set)
    {
        var parts = new List<string> { command.Name };
        foreach (var (parameter, use) in InSet(command, set))
        {
            var name = use.Position is null ? $"-{parameter.Name}" : $"[-{parameter.Name}]";
            var item = parameter.TypeName == "SwitchParameter" ? $"-{parameter.Name}" : $"{name} <{parameter.TypeName}>";
            parts.Add(use.Mandatory ? item : $"[{item}]");
        }
        parts.Add("[<CommonParameters>]");
        return string.Join(" ", parts);
    }

    private static IEnumerable<List<(string, string)>> Blocks(ParameterModel parameter) =>
        parameter.Sets
            .GroupBy(u => (u.Mandatory, u.Position, u.ByValue, u.ByPropertyName))
            .Select(group =>
            {
                var block = new List<(string, string)>
                {
                    ("Type", parameter.TypeName),
                    ("Parameter Sets", string.Join(", ", group.Select(u => u.Set).OrderBy(s => s, StringComparer.Ordinal))),
                    ("Aliases", string.Join(", ", parameter.Aliases)),
                };
                if (parameter.AcceptedValues.Count > 0)
                    block.Add(("Accepted values", string.Join(", ", parameter.AcceptedValues)));
                block.Add((string.Empty, string.Empty));
                block.Add(("Required", group.Key.Mandatory ? "True" : "False"));
                block.Add(("Position", group.Key.Position?.ToString() ?? "Named"));
                block.Add(("Default value", parameter.DefaultValue));
                block.Add(("Accept pipeline input", Pipeline(group.Key.ByValue, group.Key.ByPropertyName)));
                block.Add(("Accept wildcard characters", parameter.Wildcards ? "True" : "False"));
                return block;
            });

    private static string Pipeline(bool byValue, bool byName) => (byValue, byName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static void Types(StringBuilder text, string heading, List<string> types, List<(string Type, string Description)>? existing)
    {
        text.Append($"## {heading}\n\n");
        foreach (var type in types)
        {
            var description = existing?.FirstOrDefault(t => t.Type == type).Description;
            text.Append($"### {type}\n{description ?? string.Empty}\n\n".Replace("\n\n\n", "\n\n"));
        }
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text) || text!.StartsWith(Placeholder, StringComparison.Ordinal);

    private static string Or(string? text, string what) => IsBlank(text) ? $"{Placeholder} {what} }}}}" : text!;
}
