using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Evolink.Errors;

namespace Evolink.Structured;

/// <summary>
/// The checks of the schemas in use, each schema read once. The library is found by name, not referenced: it
/// stands on third-party assemblies that the module loads in an assembly load context of its own
/// (docs/dependencies.md), and a request by name lets the module's resolver serve it from there; a program that
/// uses the engine directly finds it beside the engine.
/// </summary>
public static class SchemaChecks
{
    private const string LibraryType = "Evolink.Libraries.Schemas.StrictSchemaLibrary, Evolink.Libraries";
    // A script may build a new schema for every call; past this many the cache starts again rather than grow.
    private const int MostKept = 64;

    private static readonly Lazy<ISchemaLibrary> Library = new(Load);
    private static readonly ConcurrentDictionary<string, ISchemaCheck> Compiled = new(StringComparer.Ordinal);

    /// <summary>The check for this schema, read now if it was not before; refused schemas throw here, before anything is sent.</summary>
    public static ISchemaCheck For(JsonElement schema)
    {
        var text = schema.GetRawText();
        if (Compiled.TryGetValue(text, out var check))
            return check;
        // The library keeps the schema it reads: a copy of its own, whatever becomes of the caller's document.
        check = Library.Value.Compile(schema.Clone());
        if (Compiled.Count >= MostKept)
            Compiled.Clear();
        Compiled[text] = check;
        return check;
    }

    private static ISchemaLibrary Load()
    {
        try
        {
            return (ISchemaLibrary)Activator.CreateInstance(Type.GetType(LibraryType, throwOnError: true)!)!;
        }
        catch (Exception ex) when (ex is TypeLoadException or System.IO.FileNotFoundException or System.IO.FileLoadException or BadImageFormatException or TargetInvocationException or InvalidCastException)
        {
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"JSON schemas cannot be checked: the module's schema library did not load ({ex.Message}). Reinstall the module.");
        }
    }
}
