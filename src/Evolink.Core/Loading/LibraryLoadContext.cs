#if NET
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Evolink.Loading;

/// <summary>
/// The engine's own assembly load context (.NET 10 only; Windows PowerShell has none). Evolink.Libraries and the
/// third-party assemblies it stands on load here from the engine's folder, so that another module's versions of the
/// same names, loaded before or after into PowerShell's shared context, never meet the engine's, and the engine's
/// never meet theirs. The engine itself stays in the shared context: scripts name its types, and PowerShell resolves
/// type names only there; .NET's own assemblies, and any name not in the folder, come from there too.
/// </summary>
internal sealed class LibraryLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public LibraryLoadContext(string folder) : base("Evolink.Libraries") => _folder = folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The engine's types must be the engine's, this very copy: the adapters implement its interfaces.
        var engine = typeof(LibraryLoadContext).Assembly;
        if (assemblyName.Name == engine.GetName().Name)
            return engine;
        var path = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
#endif
