using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// What the model is shown of one input object, as plain data: the
/// properties -InputProperty names (wildcards allowed); else the object's
/// default display properties; else all its properties with simple values.
/// A string or a number is shown as its Value. Values become text, numbers,
/// booleans, ISO 8601 times, nested data (a few levels) or null.
/// </summary>
internal static class RowFields
{
    private const int Depth = 3;
    private const int ItemsPerList = 50;

    public static OrderedDictionary Of(PSObject input, string[]? names)
    {
        var fields = new OrderedDictionary();
        var simple = input.BaseObject is string or ValueType;
        if (names is null && simple)
        {
            fields["Value"] = Plain(input.BaseObject, 0);
            return fields;
        }
        if (names is not null)
        {
            foreach (var name in names)
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                var matched = input.Properties.Where(p => pattern.IsMatch(p.Name)).ToList();
                if (matched.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"The object has no property '{name}' that -InputProperty names. Its properties are: {Names(input)}.");
                foreach (var property in matched)
                    Add(fields, property, all: false);
            }
            return fields;
        }
        if (DisplayNames(input) is { } display)
        {
            foreach (var name in display)
            {
                if (input.Properties[name] is { } property)
                    Add(fields, property, all: false);
            }
            return fields;
        }
        foreach (var property in input.Properties)
            Add(fields, property, all: input.BaseObject is not PSCustomObject);
        return fields;
    }

    private static string Names(PSObject input)
    {
        var names = input.Properties.Select(p => p.Name).Take(20).ToList();
        return names.Count == 0 ? "(none)" : string.Join(", ", names);
    }

    /// <summary>The names a type's DefaultDisplayPropertySet lists, as Format-List shows by default.</summary>
    private static IEnumerable<string>? DisplayNames(PSObject input)
    {
        try
        {
            return (input.Members["PSStandardMembers"]?.Value as PSMemberSet)?.Members["DefaultDisplayPropertySet"] is PSPropertySet set
                ? set.ReferencedPropertyNames : null;
        }
        catch (GetValueException)
        {
            return null;
        }
    }

    /// <summary>One property; of all of a .NET object's properties only simple values are kept, the rest would only be noise.</summary>
    private static void Add(OrderedDictionary fields, PSPropertyInfo property, bool all)
    {
        if (fields.Contains(property.Name) || !property.IsGettable)
            return;
        object? value;
        try
        {
            value = property.Value;
        }
        catch (Exception ex) when (ex is GetValueException or ExtendedTypeSystemException or InvalidOperationException)
        {
            return;
        }
        value = value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        if (all && !(value is null || value is string || value is ValueType))
            return;
        fields[property.Name] = Plain(value, 0);
    }

    private static object? Plain(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case PSObject { BaseObject: PSCustomObject } custom:
                if (depth >= Depth)
                    return custom.ToString();
                var map = new OrderedDictionary();
                foreach (var property in custom.Properties)
                    map[property.Name] = Plain(SafeValue(property), depth + 1);
                return map;
            case PSObject wrapped:
                return Plain(wrapped.BaseObject, depth);
            case string or bool or int or long or double or float or decimal or short or byte or uint or ulong or ushort or sbyte:
                return value;
            case char c:
                return c.ToString();
            case DateTime time:
                return time.ToString("o", CultureInfo.InvariantCulture);
            case DateTimeOffset offset:
                return offset.ToString("o", CultureInfo.InvariantCulture);
            case Enum named:
                return named.ToString();
            case IDictionary dictionary:
                if (depth >= Depth)
                    return dictionary.ToString();
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary)
                    copy[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Plain(entry.Value, depth + 1);
                return copy;
            case IEnumerable items:
                if (depth >= Depth)
                    return items.ToString();
                return items.Cast<object?>().Take(ItemsPerList).Select(i => Plain(i, depth + 1)).ToList();
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (Exception ex) when (ex is GetValueException or ExtendedTypeSystemException)
        {
            return null;
        }
    }
}
