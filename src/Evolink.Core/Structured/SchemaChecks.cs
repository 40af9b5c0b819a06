using System;
using System.Collections.Concurrent;
using System.Text.Json;
using Evolink.Loading;

namespace Evolink.Structured;

/// <summary>The checks of the schemas in use, each schema read once, by the library adapter (<see cref="LibraryAdapters"/>).</summary>
public static class SchemaChecks
{
    // A script may build a new schema for every call; past this many the cache starts again rather than grow.
    private const int MostKept = 64;

    private static readonly Lazy<ISchemaLibrary> Library = new(() => LibraryAdapters.Create<ISchemaLibrary>("Evolink.Libraries.Schemas.StrictSchemaLibrary"));
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
}
