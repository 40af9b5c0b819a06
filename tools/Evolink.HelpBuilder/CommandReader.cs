using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Evolink.HelpBuilder;

/// <summary>Reads every cmdlet of a compiled module for reading only (MetadataLoadContext); nothing is executed.</summary>
public static class CommandReader
{
    private const string AllSets = "__AllParameterSets";

    /// <summary>
    /// A context that reads the module's assembly and what it references
    /// (the runtime's, its own folder's, this program's) without running any
    /// of it; the help builder and the metadata tests both open it here.
    /// </summary>
    public static MetadataLoadContext OpenForReading(string assemblyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(folder, "*.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .GroupBy(Path.GetFileName).Select(g => g.Last());
        return new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
    }

    public static List<CommandModel> Read(string assemblyPath)
    {
        using var context = OpenForReading(assemblyPath);
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        var cmdlets = assembly.GetTypes().Where(t => !t.IsAbstract && Attribute(t, "CmdletAttribute") is not null).ToList();
        var withBases = new HashSet<string>(cmdlets.SelectMany(t => Lineage(t)).Where(t => t.Assembly == assembly).Select(t => t.FullName!));
        var defaults = ConstructorDefaults.Read(assemblyPath, withBases);
        var summaries = Summaries(Path.ChangeExtension(assemblyPath, ".xml"));
        return cmdlets
            .Select(t => Describe(t, defaults, summaries))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CommandModel Describe(Type type, Dictionary<string, Dictionary<string, string>> defaults, Dictionary<string, string> summaries)
    {
        var cmdlet = Attribute(type, "CmdletAttribute")!;
        var command = new CommandModel
        {
            Name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}",
            DefaultSet = Named<string>(cmdlet, "DefaultParameterSetName"),
        };
        foreach (var property in type.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var uses = property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").ToList();
            if (uses.Count == 0)
                continue;
            var parameter = new ParameterModel
            {
                Name = property.Name,
                TypeName = TypeName(property.PropertyType),
                Wildcards = Attribute(property, "SupportsWildcardsAttribute") is not null,
                Summary = summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}"),
            };
            if (Attribute(property, "AliasAttribute") is { } alias)
                parameter.Aliases.AddRange(Values(alias));
            if (Attribute(property, "ValidateSetAttribute") is { } set)
                parameter.AcceptedValues.AddRange(Values(set));
            parameter.DefaultValue = DefaultOf(property, defaults);
            foreach (var use in uses)
            {
                var setName = Named<string>(use, "ParameterSetName") ?? AllSets;
                var position = use.NamedArguments.Any(a => a.MemberName == "Position") ? Named<int>(use, "Position") : (int?)null;
                parameter.Sets.Add(new ParameterSetUse(setName == AllSets ? "(All)" : setName, Named<bool>(use, "Mandatory"), position,
                    Named<bool>(use, "ValueFromPipeline"), Named<bool>(use, "ValueFromPipelineByPropertyName")));
                if (setName != AllSets && !command.Sets.Contains(setName))
                    command.Sets.Add(setName);
                if (Named<bool>(use, "ValueFromPipeline") || Named<bool>(use, "ValueFromPipelineByPropertyName"))
                {
                    var input = FullTypeName(property.PropertyType);
                    if (!command.InputTypes.Contains(input))
                        command.InputTypes.Add(input);
                }
            }
            command.Parameters.Add(parameter);
        }
        if (Named<bool>(cmdlet, "SupportsShouldProcess"))
        {
            command.Parameters.Add(Switch("Confirm", "cf", "Prompts you for confirmation before running the cmdlet."));
            command.Parameters.Add(Switch("WhatIf", "wi", "Shows what would happen if the cmdlet runs. The cmdlet is not run."));
        }
        command.Parameters.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        command.Sets.Sort(StringComparer.Ordinal);
        command.InputTypes.Sort(StringComparer.Ordinal);
        foreach (var output in type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute"))
            command.OutputTypes.AddRange(((IEnumerable<CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!).Select(t => FullTypeName((Type)t.Value!)));
        command.OutputTypes.Sort(StringComparer.Ordinal);
        return command;
    }

    private static IEnumerable<Type> Lineage(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
            yield return current;
    }

    private static ParameterModel Switch(string name, string alias, string summary)
    {
        var parameter = new ParameterModel { Name = name, TypeName = "SwitchParameter", DefaultValue = "False", Summary = summary };
        parameter.Aliases.Add(alias);
        parameter.Sets.Add(new ParameterSetUse("(All)", false, null, false, false));
        return parameter;
    }

    private static string DefaultOf(PropertyInfo property, Dictionary<string, Dictionary<string, string>> defaults)
    {
        for (var type = property.DeclaringType; type is not null; type = type.BaseType)
        {
            if (defaults.TryGetValue(type.FullName!, out var known) && known.TryGetValue(property.Name, out var value))
                return value;
        }
        return property.PropertyType.Name == "SwitchParameter" ? "False" : "None";
    }

    /// <summary>The short name PlatyPS shows: String, Int32[], SwitchParameter; Nullable&lt;T&gt; shows as T.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
            return TypeName(type.GetGenericArguments()[0]);
        return type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;
    }

    private static string FullTypeName(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
            return FullTypeName(type.GetGenericArguments()[0]);
        return type.IsArray ? FullTypeName(type.GetElementType()!) + "[]" : type.FullName!;
    }

    private static Dictionary<string, string> Summaries(string xmlPath)
    {
        if (!File.Exists(xmlPath))
            return new Dictionary<string, string>();
        return XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .GroupBy(m => (string)m.Attribute("name")!)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.First().Element("summary")!.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    private static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    private static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    private static IEnumerable<string> Values(CustomAttributeData attribute) =>
        ((IEnumerable<CustomAttributeTypedArgument>)attribute.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);
}
