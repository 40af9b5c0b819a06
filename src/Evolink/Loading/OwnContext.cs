using System.Reflection;
using System.Runtime.CompilerServices;

namespace Evolink.Commands;

/// <summary>
/// The one <see cref="LibraryLoadContext"/> of the process. Kept apart from <see cref="ModuleInitializer"/> so that
/// Windows PowerShell, where the type cannot load, never compiles code that names it. One for the process, not one
/// per import: the assemblies in it cannot be unloaded, so Remove-Module and Import-Module find them there again.
/// </summary>
internal static class OwnContext
{
    private static readonly object Gate = new();
    private static LibraryLoadContext? _context;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Assembly Load(string moduleFolder, string path)
    {
        lock (Gate)
            return (_context ??= new LibraryLoadContext(moduleFolder)).LoadFromAssemblyPath(path);
    }
}
