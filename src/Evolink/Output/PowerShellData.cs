using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// Moves data across the engine boundary: PowerShell wrappers off on the way
/// in (the engine sees plain dictionaries and lists), custom objects on the
/// way out (so parsed JSON reads like ConvertFrom-Json output).
/// </summary>
internal static class PowerShellData
{
    public static object? Unwrap(object? value)
    {
        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                var properties = new OrderedDictionary();
                foreach (var property in wrapped.Properties)
                    properties[property.Name] = Unwrap(property.Value);
                return properties;
            }
            value = wrapped.BaseObject;
        }
        switch (value)
        {
            case Hashtable unordered:
                // A hashtable's order changes from process to process (string hashes are randomized): sorted,
                // the same script sends the same JSON every time, so a journal's request keys match across runs.
                var sorted = new OrderedDictionary();
                var keys = new List<object>();
                foreach (var key in unordered.Keys)
                    keys.Add(key);
                keys.Sort((a, b) => string.CompareOrdinal(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture)));
                foreach (var key in keys)
                    sorted[key] = Unwrap(unordered[key]);
                return sorted;
            case IDictionary map:
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in map)
                    copy[entry.Key] = Unwrap(entry.Value);
                return copy;
            case string:
            case PowerShellTool:
                return value;
            case IEnumerable items:
                var list = new List<object?>();
                foreach (var item in items)
                    list.Add(Unwrap(item));
                return list;
            default:
                return value;
        }
    }

    public static object? ToPowerShell(object? plain)
    {
        switch (plain)
        {
            case IDictionary<string, object?> map:
                var result = new PSObject();
                foreach (var pair in map)
                    result.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
                return result;
            case List<object?> list:
                var array = new object?[list.Count];
                for (var i = 0; i < list.Count; i++)
                    array[i] = ToPowerShell(list[i]);
                return array;
            default:
                return plain;
        }
    }
}
