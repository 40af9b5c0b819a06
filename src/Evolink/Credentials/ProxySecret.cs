using System.Management.Automation;
using Evolink.Credentials;

namespace Evolink.Commands;

/// <summary>Where a saved proxy password lives: a SecretManagement secret, as the key's does.</summary>
internal static class ProxySecret
{
    public const string Name = "EvolinkProxy";

    public static string Label(string? vault) => ApiKeyResolver.SecretLabel(Name, vault);

    public static void Store(PSCmdlet cmdlet, PSCredential credential, string? vault) =>
        new PowerShellSecretStore(cmdlet).Set(Name, vault, credential.Password);
}
