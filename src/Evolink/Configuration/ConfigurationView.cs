using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Evolink.Configuration;

namespace Evolink.Commands;

/// <summary>
/// A configuration as PowerShell users meet it: each setting a property of
/// its own name (<c>(Get-EvolinkConfiguration).DefaultModel</c>), and on the
/// screen one line a setting with where its value comes from. Both follow
/// the settings' declarations, so a new setting shows without a change here.
/// </summary>
public static class ConfigurationView
{
    /// <summary>The configuration with a property for each setting a person may see (never a key; a credential shows its user name).</summary>
    public static PSObject ForPipeline(EvolinkConfiguration configuration)
    {
        var shown = new PSObject(configuration);
        foreach (var setting in Shown.Where(s => s != Settings.ApiKey))
            shown.Properties.Add(new PSNoteProperty(setting.Name, configuration[setting]));
        return shown;
    }

    /// <summary>
    /// "Name : value  (source)" for every setting, aligned, as the default
    /// view shows it; the key line says where the key comes from, never
    /// what it is. Values from a file are input: shown on one line, inert.
    /// The labels take the session's list-label style (<c>$PSStyle.Formatting.FormatAccent</c>,
    /// which PowerShell removes again where output is plain text), as Format-List's do.
    /// </summary>
    public static string Render(EvolinkConfiguration configuration, string? labelStyle = null, string? reset = null)
    {
        // A setting one command is given shows only while the environment sets it (a replay file): otherwise it is noise.
        var lines = Shown.Where(setting => setting.Scope != SettingScope.Call || setting == Settings.ApiKey
                || configuration.SourceOf(setting.Name) is { } source && source.StartsWith("environment", StringComparison.Ordinal))
            .Select(setting => setting == Settings.ApiKey
                ? (Label: setting.Name, Text: configuration.CredentialSource ?? string.Empty)
                : (Label: setting.Name, Text: Value(configuration, setting)))
            .Append((Label: nameof(EvolinkConfiguration.Path), Text: configuration.Path ?? string.Empty))
            .ToList();
        var width = lines.Max(line => line.Label.Length);
        var text = new StringBuilder();
        foreach (var (label, value) in lines)
            text.Append(labelStyle).Append(label.PadRight(width)).Append(" : ").Append(string.IsNullOrEmpty(labelStyle) ? null : reset)
                .Append(ScreenText.OneLine(value)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The settings shown: all but the ones a single command is given (the key line says where the key comes from instead),
    /// unless an environment variable can set them for a whole session (a replay file: where every answer comes from).
    /// </summary>
    private static readonly Setting[] Shown = Settings.All
        .Where(s => s.Scope != SettingScope.Call || s == Settings.ApiKey || s.EnvironmentVariable is not null).ToArray();

    private static string Value(EvolinkConfiguration configuration, Setting setting)
    {
        var value = configuration[setting];
        var text = value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(value);
        return configuration.SourceOf(setting.Name) is { } source ? $"{text}  ({source})" : text;
    }
}
