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

    /// <summary>Where the key came from, for the verbose stream: e.g. "the -ApiKey parameter".</summary>
    public string Source { get; }
}

/// <summary>
/// The resolution order every cmdlet shares: an explicit key, then the
/// <c>EVOLINK_API_KEY</c> environment variable; otherwise one clear error
/// naming every way to provide a key.
/// </summary>
public static class ApiKeyResolver
{
    public const string EnvironmentVariable = "EVOLINK_API_KEY";

    public const string MissingKeyMessage =
        "No Evolink API key was found. Provide one in any of these ways: " +
        "(1) pass -ApiKey with a SecureString, e.g. -ApiKey (Read-Host -AsSecureString 'Evolink key'); " +
        "(2) set the environment variable EVOLINK_API_KEY (the usual way in CI); " +
        "(3) set a default for every call with $PSDefaultParameterValues['*-Evolink*:ApiKey'] = <SecureString>. " +
        "Keys are created in the Evolink console and usually start with 'sk-'.";

    public static ResolvedApiKey Resolve(SecureString? explicitKey, Func<string, string?> environment)
    {
        if (explicitKey is not null && explicitKey.Length > 0)
            return new ResolvedApiKey(EvolinkApiKey.FromSecureString(explicitKey), "the -ApiKey parameter");

        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new ResolvedApiKey(EvolinkApiKey.FromText(fromEnvironment!), $"the environment variable {EnvironmentVariable}");

        throw new EvolinkException(EvolinkErrorKind.Configuration, MissingKeyMessage);
    }
}
