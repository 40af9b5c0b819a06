using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Evolink.Commands;

/// <summary>
/// Which shipped file serves an assembly request. Kept free of PowerShell
/// and of the engine so it can be tested on any machine: the engine lives in
/// core/ (PowerShell 7.6+, on .NET 10; compiled ahead of time in core/&lt;platform&gt;/
/// for the common platforms) or desktop/ (Windows PowerShell 5.1, on .NET
/// Framework, with its dependency set), never in the module's top folder.
/// </summary>
public static class DependencyResolver
{
    /// <summary>The engine: loaded in PowerShell's shared context, where scripts can name its types.</summary>
    public const string Engine = "Evolink.Core";

    /// <summary>The oldest .NET that PowerShell 7 may run the engine on: .NET 10, PowerShell 7.6's.</summary>
    public const int OldestDotNet = 10;
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
        var edition = Path.Combine(moduleFolder, EditionFolder(onDotNetCore));
        // This platform's ahead-of-time build when one ships, else the plain one that runs anywhere.
        if (onDotNetCore && Platform is { } platform && Path.Combine(Path.Combine(edition, platform), name + ".dll") is var compiled && fileExists(compiled))
            return compiled;
        var candidate = Path.Combine(edition, name + ".dll");
        return fileExists(candidate) ? candidate : null;
    }

    /// <summary>
    /// Whether a request made in PowerShell's shared context is the module's to answer there. On PowerShell 7 only
    /// the engine's is: the engine loads its libraries in a context of its own (Evolink.Core's LibraryLoadContext),
    /// so a request for, say, JsonSchema.Net by another module is never served Evolink's copy. Windows PowerShell
    /// has one context, and every shipped name is served in it.
    /// </summary>
    public static bool AnswersInShared(string requestedAssembly, bool onDotNetCore) =>
        !onDotNetCore || new AssemblyName(requestedAssembly).Name == Engine;

    /// <summary>This process's platform as .NET names it (linux-x64, osx-arm64, win-x64), or null when it is none of the usual ones.</summary>
    public static string? Platform => PlatformOf(
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : null,
        RuntimeInformation.ProcessArchitecture);

    public static string? PlatformOf(string? os, Architecture architecture) => os is null ? null : architecture switch
    {
        Architecture.X64 => os + "-x64",
        Architecture.Arm64 => os + "-arm64",
        _ => null,
    };

    /// <summary>
    /// Why this runtime cannot run the module, or null when it can: PowerShell 7 before 7.6 runs on a .NET older
    /// than the engine's (Windows PowerShell 5.1 runs the desktop build and always can).
    /// </summary>
    public static string? Unsupported(bool onDotNetCore, Version runtime) => onDotNetCore && runtime.Major < OldestDotNet
        ? $"Evolink needs PowerShell 7.6 or later, or Windows PowerShell 5.1; this PowerShell runs on .NET {runtime.Major}. " +
          "Install PowerShell 7.6 (https://aka.ms/powershell), or use Windows PowerShell 5.1."
        : null;

    public static bool OnDotNetCore =>
        !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
}
