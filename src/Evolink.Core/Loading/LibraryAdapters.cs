using System;
using System.IO;
using System.Reflection;
using Evolink.Errors;

namespace Evolink.Loading;

/// <summary>
/// Where the engine gets what it does with third-party libraries: from Evolink.Libraries, beside the engine, which
/// it never references. On .NET 10 that assembly and its dependencies load in the engine's own
/// <see cref="LibraryLoadContext"/>; on .NET Framework (Windows PowerShell 5.1, one context for all) by name, which
/// the module's resolver serves from its desktop/ folder.
/// </summary>
public static class LibraryAdapters
{
    private const string AssemblyName = "Evolink.Libraries";

    private static readonly Lazy<Assembly> Adapters = new(Load);

    /// <summary>A new instance of the adapter type named (its full name in Evolink.Libraries), as the engine's interface <typeparamref name="T"/>.</summary>
    public static T Create<T>(string typeName) where T : class
    {
        try
        {
            return (T)Activator.CreateInstance(Adapters.Value.GetType(typeName, throwOnError: true)!)!;
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException or TargetInvocationException or InvalidCastException)
        {
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"Evolink's library adapters did not load ({ex.Message}). Its files are incomplete or mixed with another version's: reinstall the module.");
        }
    }

    private static Assembly Load()
    {
#if NET
        var folder = Path.GetDirectoryName(typeof(LibraryAdapters).Assembly.Location);
        if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, AssemblyName + ".dll")))
            return new LibraryLoadContext(folder!).LoadFromAssemblyName(new AssemblyName(AssemblyName));
#endif
        return Assembly.Load(new AssemblyName(AssemblyName));
    }
}
