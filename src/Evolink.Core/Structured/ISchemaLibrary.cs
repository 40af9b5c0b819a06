using System.Text.Json;

namespace Evolink.Structured;

/// <summary>
/// What reads JSON schemas for the engine. Implemented in Evolink.Libraries over a third-party validator, which the
/// module loads in a context of its own; the engine sees only this interface and its own types.
/// </summary>
public interface ISchemaLibrary
{
    /// <summary>
    /// The schema, ready to check values; an <see cref="Errors.EvolinkException"/> (InvalidInput) when it uses a keyword,
    /// dialect, format or reference that cannot be checked as its specification says, so nothing is ever silently ignored.
    /// </summary>
    ISchemaCheck Compile(JsonElement schema);
}
