using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Evolink.Commands;

/// <summary>
/// The module's own assembly load context on PowerShell 7. Evolink.Libraries and the third-party assemblies it
/// stands on load here, from core/, so that another module's versions of the same names, loaded before or after
/// Evolink into PowerShell's shared context, never meet Evolink's, and Evolink's never meet theirs. The engine is
/// not loaded here: scripts name its types ([Evolink.Chat.ChatResponse]), and PowerShell resolves type names only
/// in its shared context; nor are .NET's and PowerShell's own assemblies, which every context shares.
/// Touched only on PowerShell 7 (<see cref="OwnContext"/>): Windows PowerShell has no AssemblyLoadContext.
/// </summary>
internal sealed class LibraryLoadContext : AssemblyLoadContext
{
    private readonly string _moduleFolder;

    public LibraryLoadContext(string moduleFolder) => _moduleFolder = moduleFolder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The engine is the one in the shared context, so the adapters' types and the engine's are the same types.
        if (assemblyName.Name == DependencyResolver.Engine)
            return null;
        var path = DependencyResolver.Choose(assemblyName.FullName, _moduleFolder, onDotNetCore: true, File.Exists);
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
