using System;
using System.Security;

namespace Evolink;

/// <summary>Which key a call uses, and where it was found (never what it is).</summary>
public sealed class ResolvedApiKey
{
    public ResolvedApiKey(EvolinkApiKey key, string source)
    {
        Key = key;
        Source = source;
    }

    public EvolinkApiKey Key { get; }

    /// <summary>Where the key came from, for the verbose stream: e.g. "vault 'Work' secret 'Evolink'".</summary>
    public string Source { get; }
}

/// <summary>
/// The resolution order every cmdlet shares: an explicit key, then a
/// SecretManagement secret (named by parameters or by the saved
/// configuration), then the EVOLINK_API_KEY environment variable; otherwise
/// one clear error naming every way to provide a key.
/// </summary>
public static class ApiKeyResolver
{
    public const string EnvironmentVariable = "EVOLINK_API_KEY";

    public const string MissingKeyMessage =
        "No Evolink API key was found. Provide one in any of these ways: " +
        "(1) pass -ApiKey with a SecureString, e.g. -ApiKey (Read-Host -AsSecureString 'Evolink key'); " +
        "(2) keep it in a SecretManagement vault: store it once with Set-EvolinkApiKey -Vault <vault> -SecretName <name>, which also records it as the default; " +
        "(3) set the environment variable EVOLINK_API_KEY (the usual way in CI). " +
        "Keys are created in the Evolink console and usually start with 'sk-'.";

    /// <summary>How a secret is named in messages: "vault 'Work' secret 'Evolink'".</summary>
    public static string SecretLabel(string secretName, string? vault) =>
        vault is null ? $"the default vault's secret '{secretName}'" : $"vault '{vault}' secret '{secretName}'";

    public static ResolvedApiKey Resolve(SecureString? explicitKey, Func<string, string?> environment) =>
        Resolve(explicitKey, null, null, null, null, environment);

    /// <param name="secretName">From -SecretName, else null.</param>
    /// <param name="vault">From -Vault, else null.</param>
    /// <param name="configuration">The saved configuration, whose secret is used when no -SecretName is given.</param>
    public static ResolvedApiKey Resolve(SecureString? explicitKey, string? secretName, string? vault, EvolinkConfiguration? configuration,
        ISecretStore? secrets, Func<string, string?> environment)
    {
        if (explicitKey is not null && explicitKey.Length > 0)
            return new ResolvedApiKey(EvolinkApiKey.FromSecureString(explicitKey), "the -ApiKey parameter");

        var (name, where, why) = secretName is not null
            ? (secretName, vault, "-SecretName")
            : (configuration?.SecretName, vault ?? configuration?.Vault, $"the configuration file '{configuration?.Path}'");
        if (!string.IsNullOrWhiteSpace(name))
        {
            if (secrets is null)
                throw new EvolinkException(EvolinkErrorKind.Configuration, "A secret was named but no secret store is available here.");
            var secret = secrets.Get(name!, where);
            var label = SecretLabel(name!, where);
            if (secret is null || secret.Length == 0)
                throw new EvolinkException(EvolinkErrorKind.Configuration,
                    $"The key was to come from {label} (named by {why}), but there is no such secret. " +
                    "Store it with Set-EvolinkApiKey, or name another secret.");
            return new ResolvedApiKey(EvolinkApiKey.FromSecureString(secret), label);
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new ResolvedApiKey(EvolinkApiKey.FromText(fromEnvironment!), $"the environment variable {EnvironmentVariable}");

        throw new EvolinkException(EvolinkErrorKind.Configuration, MissingKeyMessage);
    }
}
