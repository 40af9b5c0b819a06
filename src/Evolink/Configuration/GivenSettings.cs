using System.Management.Automation;
using System.Security;
using Evolink.Configuration;
using Evolink.Credentials;

namespace Evolink.Commands;

/// <summary>
/// What a command was given, as settings: each bound parameter named like a
/// setting (<see cref="Settings"/>) becomes that setting's value, in the
/// engine's terms. A parameter's name is the only link, so a new setting
/// needs only its declaration and its parameters.
/// </summary>
internal static class GivenSettings
{
    /// <summary>The bound parameters that are settings, and their values; a switch left off, an empty text or $null gives none.</summary>
    public static EvolinkConfiguration From(PSCmdlet command)
    {
        var given = new EvolinkConfiguration();
        foreach (var pair in command.MyInvocation.BoundParameters)
        {
            if (Settings.Find(pair.Key) is { } setting)
                given[setting] = ToSetting(setting, pair.Value, command);
        }
        return given;
    }

    /// <summary>A parameter's value as the setting holds it: switches as true (or nothing), credentials as a proxy login, paths resolved where the command runs.</summary>
    public static object? ToSetting(Setting setting, object? value, PSCmdlet command) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => null,
        SwitchParameter flag => flag.IsPresent ? true : null,
        PSCredential credential => new ProxyLogin(credential.UserName, credential.Password),
        SecureString key => key,
        string text when string.IsNullOrWhiteSpace(text) => null,
        string text when setting.IsPath => command.GetUnresolvedProviderPathFromPSPath(text),
        var other => other,
    };
}
