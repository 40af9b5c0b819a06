namespace Evolink.Enrichment;

/// <summary>What a filled property holds, and so the .NET type its value arrives as.</summary>
public enum PropertyKind
{
    /// <summary>Free text, guided by a description: <see cref="string"/>.</summary>
    Text,
    /// <summary>A whole number within <see cref="int"/>: <see cref="int"/>.</summary>
    Integer,
    /// <summary>A whole number within <see cref="long"/>: <see cref="long"/>.</summary>
    Long,
    /// <summary>Any number: <see cref="double"/>.</summary>
    Number,
    /// <summary>True or false: <see cref="bool"/>.</summary>
    Boolean,
    /// <summary>A point in time, written by the model in ISO 8601: <see cref="System.DateTime"/>.</summary>
    DateTime,
    /// <summary>One of a set of allowed texts: <see cref="string"/>.</summary>
    Choice,
    /// <summary>Whatever a JSON-schema fragment allows: plain data (dictionaries, arrays, strings, numbers, booleans).</summary>
    Schema,
}
