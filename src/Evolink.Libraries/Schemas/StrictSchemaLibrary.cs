using System;
using System.Text.Json;
using Evolink.Errors;
using Evolink.Structured;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>
/// JSON schemas read by JsonSchema.Net in strict dialects: every keyword is checked as its draft says, and a keyword,
/// dialect, format or reference it cannot check is refused when the schema is read, never ignored.
/// Found by the engine by name (<see cref="SchemaChecks"/>).
/// </summary>
public sealed class StrictSchemaLibrary : ISchemaLibrary
{
    public ISchemaCheck Compile(JsonElement schema)
    {
        try
        {
            // A registry of its own for each schema: an $id in one schema never leaks into another, nothing is
            // fetched from the network ($ref to another document is refused), and nothing global grows.
            var options = new BuildOptions
            {
                SchemaRegistry = new SchemaRegistry(),
                DialectRegistry = StrictDialects.Registry,
                Dialect = StrictDialects.Default,
            };
            var built = JsonSchema.Build(schema, options);
            if (UnresolvedRefs.Find(built) is { } nowhere)
                throw Refused($"The JSON schema refers to '{nowhere}', which it does not hold. Evolink fetches nothing: " +
                    "define what it refers to under $defs (or definitions) and refer to it as #/$defs/name.");
            if (RefSiblings.IgnoredByDraft(schema) && RefSiblings.Find(built) is { } beside)
                throw Refused($"The JSON schema puts '{beside}' beside a $ref, where its draft ignores it. Write both under allOf " +
                    "(\"allOf\": [{\"$ref\": ...}, {\"" + beside + "\": ...}]), which checks both, or write it in draft 2020-12, where keywords beside $ref apply.");
            return new CompiledSchema(built);
        }
        catch (JsonSchemaException ex)
        {
            throw Refused($"The JSON schema cannot be checked: {StrictDialects.Explain(ex.Message)}");
        }
        catch (ArgumentException ex)
        {
            throw Refused($"The JSON schema cannot be checked: {ex.Message}");
        }
    }

    private static EvolinkException Refused(string message) => new(EvolinkErrorKind.InvalidInput, message, remedy: EvolinkRemedy.SchemaKeyword);
}
