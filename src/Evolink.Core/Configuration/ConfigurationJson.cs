using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Evolink.Configuration;

/// <summary>
/// The configuration file's JSON, read and written setting by setting as
/// <see cref="Settings"/> declares them. A value that is out of range or of
/// the wrong type is reported with its name and left out, and the other
/// values still apply. A hand-edited file is input too: names are read
/// without regard to case ("DefaultModel" as Get-EvolinkConfiguration shows
/// it is "defaultModel"), and a name that is no setting is reported with the
/// setting it most likely meant. Only settings that may be saved are read or
/// written: never a key, a credential or a switch that lowers safety.
/// </summary>
internal static class ConfigurationJson
{
    public static EvolinkConfiguration Read(string json, List<string> problems)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("the file is not a JSON object");
        var root = new Fields(document.RootElement, problems);
        var configuration = new EvolinkConfiguration();
        foreach (var setting in Settings.All)
        {
            if (setting.Scope != SettingScope.Saved || !root.TryGet(setting.FileName, out var element) || element.ValueKind == JsonValueKind.Null)
                continue;
            configuration[setting] = setting.Read(element, out var problem);
            if (problem is not null)
                problems.Add($"'{setting.FileName}' {problem}");
        }
        foreach (var unknown in root.Unknown())
            problems.Add(Closest(unknown, root.Known) is { } meant
                ? $"'{unknown}' is not a setting; did you mean '{meant}'?"
                : $"'{unknown}' is not a setting (the settings are {string.Join(", ", root.Known)})");
        return configuration;
    }

    /// <summary>The saved settings, indented for a person to read, in the order the settings are declared.</summary>
    public static string Write(EvolinkConfiguration configuration)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var pair in configuration.GetValues())
            {
                if (pair.Key.Scope != SettingScope.Saved)
                    continue;
                writer.WritePropertyName(pair.Key.FileName);
                pair.Key.Write(writer, pair.Value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The known name nearest to a mistyped one, when it is near enough to be what was meant.</summary>
    private static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>Edits (insert, delete, replace, swap of neighbours) between two names.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>The file's fields by name, whatever their case; the names read are known, the rest left over.</summary>
    private sealed class Fields
    {
        private readonly Dictionary<string, (string Name, JsonElement Value)> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _known = new();

        public Fields(JsonElement root, List<string> problems)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (_byName.TryGetValue(property.Name, out var earlier))
                    problems.Add($"'{property.Name}' is given twice (also as '{earlier.Name}'); the last one is used");
                _byName[property.Name] = (property.Name, property.Value);
            }
        }

        public IReadOnlyList<string> Known => _known;

        public bool TryGet(string name, out JsonElement value)
        {
            if (_read.Add(name))
                _known.Add(name);
            var found = _byName.TryGetValue(name, out var field);
            value = field.Value;
            return found;
        }

        public IEnumerable<string> Unknown()
        {
            foreach (var (name, _) in _byName.Values)
            {
                if (!_read.Contains(name))
                    yield return name;
            }
        }
    }
}
