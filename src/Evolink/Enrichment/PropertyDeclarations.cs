using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Evolink.Enrichment;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// Reads -Property as a PowerShell user writes it: each name to a
/// description (text), a type ([int], [long], [double], [bool], [datetime],
/// [string]), the allowed values, or a JSON-schema fragment (a hashtable).
/// A plain hashtable's names are taken in sorted order, so the same script
/// sends the same request in every process (and a journal finds its lines).
/// </summary>
internal static class PropertyDeclarations
{
    public static List<PropertySpec> Read(IDictionary declared, string[]? required)
    {
        var specs = new List<PropertySpec>();
        foreach (DictionaryEntry entry in (IDictionary)PowerShellData.Unwrap(declared)!)
        {
            var name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            specs.Add(One(name, entry.Value));
        }
        foreach (var pattern in required ?? Array.Empty<string>())
        {
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            var matched = specs.Where(s => wildcard.IsMatch(s.Name)).ToList();
            if (matched.Count == 0)
                throw Refused($"-Required names '{pattern}', which -Property does not declare. The declared properties are: {string.Join(", ", specs.Select(s => s.Name))}.");
            foreach (var spec in matched)
                spec.Required = true;
        }
        return specs;
    }

    private static PropertySpec One(string name, object? value)
    {
        switch (value)
        {
            case Type type:
                return PropertySpec.Of(name, KindOf(name, type));
            case string description when !string.IsNullOrWhiteSpace(description):
                return PropertySpec.Of(name, PropertyKind.Text, description);
            case IDictionary fragment:
                return PropertySpec.Shaped(name, fragment);
            case IList choices when choices.Count > 0 && choices.Cast<object?>().All(c => c is string or ValueType):
                return PropertySpec.OneOf(name, choices.Cast<object?>().Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture)!));
            default:
                throw Refused($"-Property '{name}' is declared as {Describe(value)}. Declare it as a description ('one sentence a manager understands'), " +
                    "a type ([int], [long], [double], [bool], [datetime] or [string]), the allowed values ('low', 'high'), or a JSON-schema fragment (@{ type = 'array'; items = @{ type = 'string' } }).");
        }
    }

    private static PropertyKind KindOf(string name, Type type)
    {
        if (type == typeof(int) || type == typeof(short) || type == typeof(byte))
            return PropertyKind.Integer;
        if (type == typeof(long))
            return PropertyKind.Long;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return PropertyKind.Number;
        if (type == typeof(bool) || type == typeof(SwitchParameter))
            return PropertyKind.Boolean;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return PropertyKind.DateTime;
        if (type == typeof(string))
            return PropertyKind.Text;
        throw Refused($"-Property '{name}' is declared as [{type.Name}], which the model cannot fill. Use [int], [long], [double], [bool], [datetime] or [string], the allowed values, or a JSON-schema fragment.");
    }

    private static string Describe(object? value) => value switch
    {
        null => "$null",
        string => "an empty text",
        IList { Count: 0 } => "an empty list",
        IList => "a list of values that are not all text or numbers",
        _ => "a " + value.GetType().Name,
    };

    private static EvolinkException Refused(string message) => new(EvolinkErrorKind.InvalidInput, message);
}
