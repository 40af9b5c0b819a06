using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Evolink.HelpBuilder;

/// <summary>
/// Writes the MAML help file PowerShell reads (Get-Help) from the markdown
/// pages alone, in the layout PlatyPS's New-ExternalHelp produces.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(IEnumerable<HelpDocument> pages)
    {
        var items = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            pages.OrderBy(p => p.Name, StringComparer.Ordinal).Select(CommandElement));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), items);
        return document.Declaration + "\n" + items.ToString().Replace("\r\n", "\n") + "\n";
    }

    private static XElement CommandElement(HelpDocument page)
    {
        var dash = page.Name.IndexOf('-');
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", page.Name),
                new XElement(Command + "verb", page.Name.Substring(0, dash)),
                new XElement(Command + "noun", page.Name.Substring(dash + 1)),
                Description(page.Synopsis)),
            Description(page.Description),
            new XElement(Command + "syntax", Sets(page).Select(set => SyntaxItem(page, set))),
            new XElement(Command + "parameters", page.Parameters.Select(p => Parameter(p, p.Blocks[0]))),
            new XElement(Command + "inputTypes", page.Inputs.Select(t => new XElement(Command + "inputType", TypeElement(t.Type), Description(t.Description)))),
            new XElement(Command + "returnValues", page.Outputs.Select(t => new XElement(Command + "returnValue", TypeElement(t.Type), Description(t.Description)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.Notes))),
            new XElement(Command + "examples", page.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", page.Links.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri.EndsWith(".md", StringComparison.Ordinal) ? string.Empty : l.Uri)))));
    }

    private static IEnumerable<string> Sets(HelpDocument page)
    {
        var named = page.Parameters.SelectMany(p => p.Blocks).SelectMany(b => SetNames(b)).Where(s => s != "(All)").Distinct().ToList();
        // As SYNTAX lists them, so Get-Help shows the default set first.
        return named.Count == 0 ? new[] { "(All)" } : named.OrderBy(s => page.SyntaxSets.IndexOf(s) is var at && at >= 0 ? at : int.MaxValue).ToList();
    }

    private static IEnumerable<string> SetNames(Dictionary<string, string> block) =>
        block.GetValueOrDefault("Parameter Sets", "(All)").Split(',').Select(s => s.Trim());

    private static XElement SyntaxItem(HelpDocument page, string set)
    {
        var uses = page.Parameters
            .Select(p => (Parameter: p, Block: p.Blocks.FirstOrDefault(b => SetNames(b).Contains(set)) ?? p.Blocks.FirstOrDefault(b => SetNames(b).Contains("(All)"))))
            .Where(x => x.Block is not null)
            .OrderBy(x => int.TryParse(x.Block!["Position"], out var position) ? position : int.MaxValue)
            .ThenBy(x => x.Block!["Required"] == "True" ? 0 : 1);
        return new XElement(Command + "syntaxItem", new XElement(Maml + "name", page.Name), uses.Select(x => Parameter(x.Parameter, x.Block!)));
    }

    private static XElement Parameter(HelpParameter parameter, Dictionary<string, string> block)
    {
        var type = block.GetValueOrDefault("Type", "Object");
        var position = block.GetValueOrDefault("Position", "Named");
        var aliases = block.GetValueOrDefault("Aliases", string.Empty);
        var element = new XElement(Command + "parameter",
            new XAttribute("required", block.GetValueOrDefault("Required", "False").ToLowerInvariant()),
            new XAttribute("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", block.GetValueOrDefault("Accept wildcard characters", "False").ToLowerInvariant()),
            new XAttribute("pipelineInput", block.GetValueOrDefault("Accept pipeline input", "False")),
            new XAttribute("position", position == "Named" ? "named" : position),
            new XAttribute("aliases", aliases.Length == 0 ? "none" : aliases),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description));
        if (block.TryGetValue("Accepted values", out var accepted))
        {
            element.Add(new XElement(Command + "parameterValueGroup",
                accepted.Split(',').Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v.Trim()))));
        }
        if (type != "SwitchParameter")
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), type));
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", block.GetValueOrDefault("Default value", "None")));
        return element;
    }

    private static XElement TypeElement(string name) => new(Dev + "type", new XElement(Maml + "name", name));

    private static XElement Description(string text) => new(Maml + "description", Paragraphs(text));

    private static IEnumerable<XElement> Paragraphs(string text) =>
        text.Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries).Select(p => new XElement(Maml + "para", p.Trim()));
}
