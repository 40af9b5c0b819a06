using System;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Configuration;

/// <summary>
/// The one order in which sources give a setting its value: what the
/// command was given, then the session's settings, then the setting's
/// environment variable (EVOLINK_BASE_URL), then the saved file, then the
/// default. Every command, the -Model completer and Get-EvolinkConfiguration
/// combine settings here, so they agree on every value and its source.
/// </summary>
public static class ConfigurationLayers
{
    public const string Given = "parameter";
    public const string Session = "session";
    public const string File = "file";
    public const string Default = "default";

    /// <summary>Every setting as a call would use it if it were given nothing, each with where it comes from.</summary>
    public static EvolinkConfiguration Effective(EvolinkConfiguration session, EvolinkConfiguration saved, Func<string, string?> environment) =>
        Combine(null, session, saved, environment, strict: false);

    /// <summary>
    /// Every setting from the highest source that has it. With
    /// <paramref name="strict"/>, an environment variable that holds no valid
    /// value fails (a command must not quietly use another gateway);
    /// without, it is passed over (a view shows what the file and defaults give).
    /// </summary>
    public static EvolinkConfiguration Combine(EvolinkConfiguration? given, EvolinkConfiguration session, EvolinkConfiguration saved,
        Func<string, string?> environment, bool strict)
    {
        var result = new EvolinkConfiguration { Path = saved.Path };
        foreach (var setting in Settings.All)
        {
            var (value, source) = Pick(setting, given, session, saved, environment, strict);
            result[setting] = value;
            result.SetSource(setting, source);
        }
        var proxyDecided = result[Settings.Proxy] is not null && result.SourceOf(Settings.Proxy.Name) != File;
        if (!proxyDecided && !result.Value(Settings.NoProxy) && ProxyVariables.From(environment).Any)
            result.SetSource(Settings.Proxy, "environment (proxy variables)");
        result.CredentialSource = CredentialSource(result, environment);
        return result;
    }

    private static (object? Value, string? Source) Pick(Setting setting, EvolinkConfiguration? given, EvolinkConfiguration session,
        EvolinkConfiguration saved, Func<string, string?> environment, bool strict)
    {
        if (given?[setting] is { } typed)
            return (typed, Given);
        if (setting.Scope != SettingScope.Call && session[setting] is { } fromSession)
            return (fromSession, Session);
        if (setting.EnvironmentVariable is { } variable && environment(variable) is { } text && !string.IsNullOrWhiteSpace(text))
        {
            var value = setting.Parse(text, out var problem);
            if (problem is null)
                return (value, $"environment ({variable})");
            if (strict)
                throw new EvolinkException(EvolinkErrorKind.Configuration,
                    $"The environment variable {variable} {problem}; set it so, or remove it to use the saved or default value.");
        }
        if (setting.Scope == SettingScope.Saved && saved[setting] is { } fromFile)
            return (fromFile, File);
        return (setting.Default, setting.Default is null ? null : Default);
    }

    private static string? CredentialSource(EvolinkConfiguration combined, Func<string, string?> environment)
    {
        if (combined[Settings.ApiKey] is not null)
            return "the key given";
        if (combined[Settings.SecretName] is string name)
            return $"{ApiKeyResolver.SecretLabel(name, combined[Settings.Vault] as string)} ({combined.SourceOf(Settings.SecretName.Name)})";
        return string.IsNullOrWhiteSpace(environment(ApiKeyResolver.EnvironmentVariable)) ? null : $"environment ({ApiKeyResolver.EnvironmentVariable})";
    }
}
