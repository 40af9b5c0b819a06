using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Evolink.Configuration;

/// <summary>
/// Reads the configuration file one field at a time, with the same ranges
/// the cmdlets' parameters have (<see cref="EvolinkLimits"/>): a value that
/// is out of range or of the wrong type is reported with its field and left
/// out, and the other fields still apply. A hand-edited file is input too:
/// names are read without regard to case ("DefaultModel" as Get-EvolinkConfiguration
/// shows it is "defaultModel"), and a name that is no setting is reported with
/// the setting it most likely meant.
/// </summary>
internal static class ConfigurationReader
{
    public static EvolinkConfiguration Read(string json, List<string> problems)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("the file is not a JSON object");
        var root = new Fields(document.RootElement, problems);
        var configuration = Read(root, problems);
        foreach (var unknown in root.Unknown())
            problems.Add(Closest(unknown, root.Known) is { } meant
                ? $"'{unknown}' is not a setting; did you mean '{meant}'?"
                : $"'{unknown}' is not a setting (the settings are {string.Join(", ", root.Known)})");
        return configuration;
    }

    private static EvolinkConfiguration Read(Fields root, List<string> problems)
    {
        return new EvolinkConfiguration
        {
            DefaultModel = Text(root, "defaultModel", problems),
            BaseUri = Text(root, "baseUri", problems) is { } uri ? new Uri(uri, UriKind.RelativeOrAbsolute) : null,
            SecretName = Text(root, "secretName", problems),
            Vault = Text(root, "vault", problems),
            MaximumRetryCount = (int?)Number(root, "maximumRetryCount", EvolinkLimits.MinimumRetryCount, EvolinkLimits.MaximumRetryCount, true, problems),
            RetryIntervalSec = Number(root, "retryIntervalSec", EvolinkLimits.MinimumRetryIntervalSec, EvolinkLimits.MaximumRetryIntervalSec, false, problems),
            ConnectionTimeoutSeconds = Seconds(root, "connectionTimeoutSeconds", problems),
            OperationTimeoutSeconds = Seconds(root, "operationTimeoutSeconds", problems),
            TimeoutSec = Seconds(root, "timeoutSec", problems),
            MaximumReplySizeMB = (int?)Number(root, "maximumReplySizeMB", EvolinkLimits.MinimumReplyMegabytes, EvolinkLimits.MaximumReplyMegabytes, true, problems),
            Proxy = ProxyUri(root, problems),
            NoProxy = Flag(root, "noProxy", problems),
            History = Flag(root, "history", problems),
            ProxyUseDefaultCredentials = Flag(root, "proxyUseDefaultCredentials", problems),
            CertificateAuthorityFile = Text(root, "certificateAuthorityFile", problems),
            HttpVersion = Version(root, problems),
            ProxyUserName = Text(root, "proxyUserName", problems),
            ProxySecretName = Text(root, "proxySecretName", problems),
            ProxyVault = Text(root, "proxyVault", problems),
        };
    }

    private static Uri? ProxyUri(Fields root, List<string> problems)
    {
        if (Text(root, "proxy", problems) is not { } text)
            return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        problems.Add($"'proxy' is '{text}', but must be an http(s) URI such as http://proxy.example:8080");
        return null;
    }

    private static string? Version(Fields root, List<string> problems)
    {
        if (Text(root, "httpVersion", problems) is not { } text)
            return null;
        if (EvolinkLimits.IsHttpVersion(text))
            return text;
        problems.Add($"'httpVersion' is '{text}', but must be one of {string.Join(", ", EvolinkLimits.HttpVersions)}");
        return null;
    }

    private static bool? Flag(Fields root, string name, List<string> problems)
    {
        if (!root.TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        problems.Add($"'{name}' should be true or false, not {value.GetRawText()}");
        return null;
    }

    private static int? Seconds(Fields root, string name, List<string> problems) =>
        (int?)Number(root, name, EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds, true, problems);

    private static string? Text(Fields root, string name, List<string> problems)
    {
        if (!root.TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        problems.Add($"'{name}' should be text, not {value.GetRawText()}");
        return null;
    }

    private static double? Number(Fields root, string name, double minimum, double maximum, bool whole, List<string> problems)
    {
        if (!root.TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && !double.IsInfinity(number)
            && number >= minimum && number <= maximum && (!whole || Math.Floor(number) == number))
            return number;
        problems.Add(string.Format(CultureInfo.InvariantCulture, "'{0}' is {1}, but must be a {2} from {3} to {4}",
            name, value.GetRawText(), whole ? "whole number" : "number", minimum, maximum));
        return null;
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
