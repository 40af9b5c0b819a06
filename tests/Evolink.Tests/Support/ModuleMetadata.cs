using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Evolink.Tests;

/// <summary>
/// The compiled Evolink.dll, loaded for reading only: PowerShellStandard's
/// members do nothing, so cmdlets are checked by their metadata.
/// </summary>
internal sealed class ModuleMetadata : IDisposable
{
    private readonly MetadataLoadContext _context;

    public ModuleMetadata()
    {
        _context = Evolink.HelpBuilder.CommandReader.OpenForReading(RepositoryPaths.ModuleAssembly);
        Assembly = _context.LoadFromAssemblyPath(RepositoryPaths.ModuleAssembly);
        Automation = _context.LoadFromAssemblyName("System.Management.Automation");
        Core = _context.LoadFromAssemblyName("Evolink.Core");
    }

    public Assembly Assembly { get; }
    public Assembly Automation { get; }
    public Assembly Core { get; }

    public IEnumerable<Type> CmdletTypes => Assembly.GetTypes().Where(t => !t.IsAbstract && Cmdlet(t) is not null);

    public static CustomAttributeData? Cmdlet(Type type) =>
        type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "CmdletAttribute");

    public static string CmdletName(Type type)
    {
        var attribute = Cmdlet(type)!;
        return $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}";
    }

    public Type CmdletType(string name) => CmdletTypes.Single(t => CmdletName(t) == name);

    public static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    /// <summary>Every [Parameter] attribute on a property, one per parameter set.</summary>
    public static IEnumerable<CustomAttributeData> ParameterAttributes(PropertyInfo property) =>
        property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute");

    public static IEnumerable<PropertyInfo> Parameters(Type cmdlet) =>
        cmdlet.GetProperties().Where(p => ParameterAttributes(p).Any());

    /// <summary>All public constant strings of the Verbs* classes: PowerShell's approved verbs.</summary>
    public ISet<string> ApprovedVerbs => Automation.GetTypes()
        .Where(t => t.IsPublic && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
        .SelectMany(t => t.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public void Dispose() => _context.Dispose();
}
