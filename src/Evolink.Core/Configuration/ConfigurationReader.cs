using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Evolink.Configuration;

/// <summary>
/// Reads the configuration file one field at a time, with the same ranges
/// the cmdlets' parameters have (<see cref="EvolinkLimits"/>): a value that
/// is out of range or of the wrong type is reported with its field and left
/// out, and the other fields still apply. A hand-edited file is input too.
/// </summary>
internal static class ConfigurationReader
{
    public static EvolinkConfiguration Read(string json, List<string> problems)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("the file is not a JSON object");
        var root = document.RootElement;
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

    private static Uri? ProxyUri(JsonElement root, List<string> problems)
    {
        if (Text(root, "proxy", problems) is not { } text)
            return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        problems.Add($"'proxy' is '{text}', but must be an http(s) URI such as http://proxy.example:8080");
        return null;
    }

    private static string? Version(JsonElement root, List<string> problems)
    {
        if (Text(root, "httpVersion", problems) is not { } text)
            return null;
        if (EvolinkLimits.IsHttpVersion(text))
            return text;
        problems.Add($"'httpVersion' is '{text}', but must be one of {string.Join(", ", EvolinkLimits.HttpVersions)}");
        return null;
    }

    private static bool? Flag(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        problems.Add($"'{name}' should be true or false, not {value.GetRawText()}");
        return null;
    }

    private static int? Seconds(JsonElement root, string name, List<string> problems) =>
        (int?)Number(root, name, EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds, true, problems);

    private static string? Text(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        problems.Add($"'{name}' should be text, not {value.GetRawText()}");
        return null;
    }

    private static double? Number(JsonElement root, string name, double minimum, double maximum, bool whole, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && !double.IsInfinity(number)
            && number >= minimum && number <= maximum && (!whole || Math.Floor(number) == number))
            return number;
        problems.Add(string.Format(CultureInfo.InvariantCulture, "'{0}' is {1}, but must be a {2} from {3} to {4}",
            name, value.GetRawText(), whole ? "whole number" : "number", minimum, maximum));
        return null;
    }
}
