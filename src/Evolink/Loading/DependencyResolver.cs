using System;
using System.IO;
using System.Reflection;

namespace Evolink.Commands;

/// <summary>
/// Which shipped file serves an assembly request. Kept free of PowerShell
/// and of the engine so it can be tested on any machine: the engine lives in
/// core/ (PowerShell 7.4+, on .NET) or desktop/ (Windows PowerShell 5.1, on
/// .NET Framework, with its dependency set), never in the module's top folder.
/// </summary>
public static class DependencyResolver
{
    /// <summary>The folder whose copies this runtime uses.</summary>
    public static string EditionFolder(bool onDotNetCore) => onDotNetCore ? "core" : "desktop";

    /// <summary>
    /// The file to load for a requested assembly, or null to leave the
    /// request to others. Any requested version is served by the shipped
    /// copy: Windows PowerShell has no binding redirects for modules.
    /// </summary>
    public static string? Choose(string requestedAssembly, string moduleFolder, bool onDotNetCore, Func<string, bool> fileExists)
    {
        var name = new AssemblyName(requestedAssembly).Name;
        if (string.IsNullOrEmpty(name) || name!.EndsWith(".resources", StringComparison.OrdinalIgnoreCase))
            return null;
        var candidate = Path.Combine(Path.Combine(moduleFolder, EditionFolder(onDotNetCore)), name + ".dll");
        return fileExists(candidate) ? candidate : null;
    }

    public static bool OnDotNetCore =>
        !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
}
