using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Evolink.Errors;

namespace Evolink.Enrichment;

/// <summary>One property the model fills on every row: its name, what it holds, and whether it must have a value.</summary>
public sealed class PropertySpec
{
    /// <summary>The name of the row's own number in a request; no declared property may take it.</summary>
    public const string RowKey = "_row";

    // The names every provider behind the gateway accepts as a schema property (Gemini's rule is the narrowest).
    private static readonly Regex NameRule = new("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant);

    private PropertySpec(string name, PropertyKind kind, string? description, IReadOnlyList<string> choices, JsonElement? fragment)
    {
        if (!NameRule.IsMatch(name) || string.Equals(name, RowKey, StringComparison.Ordinal))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                $"'{name}' cannot be a filled property's name: a name is a letter or '_' and then up to 63 letters, digits or '_' (and not '{RowKey}', which numbers the rows).");
        Name = name;
        Kind = kind;
        Description = string.IsNullOrWhiteSpace(description) ? null : description;
        Choices = choices;
        Fragment = fragment;
    }

    public string Name { get; }
    public PropertyKind Kind { get; }

    /// <summary>What the value means, as the model is told; for <see cref="PropertyKind.Text"/> it is the whole guidance.</summary>
    public string? Description { get; }

    /// <summary>The allowed values of a <see cref="PropertyKind.Choice"/>; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The JSON-schema fragment of a <see cref="PropertyKind.Schema"/> property.</summary>
    public JsonElement? Fragment { get; }

    /// <summary>Must have a value on every row; otherwise the model may leave it null when it cannot tell.</summary>
    public bool Required { get; set; }

    public static PropertySpec Of(string name, PropertyKind kind, string? description = null)
    {
        if (kind is PropertyKind.Choice or PropertyKind.Schema)
            throw new ArgumentException("A choice needs its values and a schema its fragment.", nameof(kind));
        return new PropertySpec(name, kind, description, Array.Empty<string>(), null);
    }

    public static PropertySpec OneOf(string name, IEnumerable<string> choices, string? description = null)
    {
        var distinct = choices.Where(c => c is not null).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"The property '{name}' is a choice without values: give at least one allowed value.");
        return new PropertySpec(name, PropertyKind.Choice, description, distinct, null);
    }

    /// <summary>A property shaped by a JSON-schema fragment given as plain data (a dictionary, as a script writes it).</summary>
    public static PropertySpec Shaped(string name, System.Collections.IDictionary fragment, string? description = null) =>
        Shaped(name, Evolink.Serialization.PlainData.ToJson(fragment), description);

    public static PropertySpec Shaped(string name, JsonElement fragment, string? description = null)
    {
        if (fragment.ValueKind != JsonValueKind.Object)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"The schema fragment of '{name}' must be a JSON object.", remedy: EvolinkRemedy.SchemaShape);
        return new PropertySpec(name, PropertyKind.Schema, description, Array.Empty<string>(), fragment.Clone());
    }
}
