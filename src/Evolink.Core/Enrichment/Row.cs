using System.Collections;
using System.Globalization;
using Evolink.Errors;
using Evolink.Serialization;

namespace Evolink.Enrichment;

/// <summary>One input object as the model sees it: its position in the input and its fields as compact JSON.</summary>
public sealed class Row
{
    /// <summary>The most characters of JSON one row may take: a row is one of many in a request, not a document.</summary>
    public const int MaximumCharacters = 16_000;

    private Row(long position, string fields)
    {
        Position = position;
        Fields = fields;
    }

    /// <summary>Which input this is, from 1.</summary>
    public long Position { get; }

    /// <summary>The fields as a compact JSON object.</summary>
    public string Fields { get; }

    /// <summary>A row of these fields (plain data: names to strings, numbers, booleans, lists, dictionaries or null); refused when too large.</summary>
    public static Row Of(long position, IDictionary fields)
    {
        var json = PlainData.ToJsonText(fields);
        if (json.Length > MaximumCharacters)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, string.Format(CultureInfo.InvariantCulture,
                "Input {0} is {1:N0} characters as JSON, more than the {2:N0} one row may take.", position, json.Length, MaximumCharacters),
                remedy: EvolinkRemedy.SendFewerFields);
        return new Row(position, json);
    }

    /// <summary>The row with its number in one request: <c>{"_row": n, …fields}</c>.</summary>
    internal string Numbered(int number)
    {
        var head = "{\"" + PropertySpec.RowKey + "\":" + number.ToString(CultureInfo.InvariantCulture);
        return Fields.Length <= 2 ? head + "}" : head + "," + Fields.Substring(1);
    }

    public override string ToString() => Fields.Length > 80 ? Fields.Substring(0, 77) + "..." : Fields;
}
