using System;
using System.Security;
using Evolink.Errors;

namespace Evolink.Credentials;

/// <summary>Where a key was found, in the order they are tried.</summary>
public enum KeyOrigin
{
    /// <summary>Given to the call itself.</summary>
    Given,
    /// <summary>Read from a named secret.</summary>
    Secret,
    /// <summary>Read from EVOLINK_API_KEY.</summary>
    Environment,
    /// <summary>None needed: every answer comes from a replay file and nothing is sent.</summary>
    NotNeeded,
}

/// <summary>Which key a call uses, and where it was found (never what it is).</summary>
public sealed class ResolvedApiKey
{
    public ResolvedApiKey(EvolinkApiKey key, KeyOrigin origin, string source)
    {
        Key = key;
        Origin = origin;
        Source = source;
    }

    public EvolinkApiKey Key { get; }

    public KeyOrigin Origin { get; }

    /// <summary>Where the key came from, for the verbose stream: e.g. "vault 'Work' secret 'Evolink'".</summary>
    public string Source { get; }
}

/// <summary>
/// The resolution order every cmdlet shares: an explicit key, then a
/// SecretManagement secret (named by the call, the session or the saved
/// configuration: the settings resolver decides which), then the EVOLINK_API_KEY environment variable; otherwise
/// one clear error, whose remedy a host words as every way it offers to provide a key.
/// </summary>
public static class ApiKeyResolver
{
    public const string EnvironmentVariable = "EVOLINK_API_KEY";

    public const string MissingKeyMessage =
        "No Evolink API key was found: none was given, no secret is named, and EVOLINK_API_KEY is not set. " +
        "Keys are created in the Evolink console and usually start with 'sk-'.";

    /// <summary>How a secret is named in messages: "vault 'Work' secret 'Evolink'".</summary>
    public static string SecretLabel(string secretName, string? vault) =>
        vault is null ? $"the default vault's secret '{secretName}'" : $"vault '{vault}' secret '{secretName}'";

    public static ResolvedApiKey Resolve(SecureString? explicitKey, Func<string, string?> environment) =>
        Resolve(explicitKey, null, null, null, null, environment);

    /// <param name="secretName">The secret to read the key from, else null.</param>
    /// <param name="vault">That secret's vault; null for the default vault.</param>
    /// <param name="namedBy">Who named the secret, for the message when it is missing: "the call", "the configuration file '…'".</param>
    public static ResolvedApiKey Resolve(SecureString? explicitKey, string? secretName, string? vault, string? namedBy,
        ISecretStore? secrets, Func<string, string?> environment)
    {
        if (explicitKey is not null && explicitKey.Length > 0)
            return new ResolvedApiKey(EvolinkApiKey.FromSecureString(explicitKey), KeyOrigin.Given, "the key given");

        var (name, where, why) = (secretName, vault, namedBy ?? "the call");
        if (!string.IsNullOrWhiteSpace(name))
        {
            if (secrets is null)
                throw new EvolinkException(EvolinkErrorKind.Configuration, "A secret was named but no secret store is available here.");
            var secret = secrets.Get(name!, where);
            var label = SecretLabel(name!, where);
            if (secret is null || secret.Length == 0)
                throw new EvolinkException(EvolinkErrorKind.Configuration,
                    $"The key was to come from {label} (named by {why}), but there is no such secret.", remedy: EvolinkRemedy.StoreSecret);
            return new ResolvedApiKey(EvolinkApiKey.FromSecureString(secret), KeyOrigin.Secret, label);
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new ResolvedApiKey(EvolinkApiKey.FromText(fromEnvironment!), KeyOrigin.Environment, $"the environment variable {EnvironmentVariable}");

        throw new EvolinkException(EvolinkErrorKind.Configuration, MissingKeyMessage, remedy: EvolinkRemedy.ProvideApiKey);
    }
}
