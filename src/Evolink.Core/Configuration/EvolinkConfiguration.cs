using System;

namespace Evolink.Configuration;

/// <summary>
/// A user's saved defaults. There is deliberately no field for the key:
/// the file names where the key lives (a vault and a secret), never the key.
/// </summary>
public sealed class EvolinkConfiguration
{
    public string? DefaultModel { get; set; }
    public Uri? BaseUri { get; set; }

    /// <summary>The SecretManagement secret that holds the key.</summary>
    public string? SecretName { get; set; }

    /// <summary>The SecretManagement vault of that secret; null for the default vault.</summary>
    public string? Vault { get; set; }

    public int? MaximumRetryCount { get; set; }
    public double? RetryIntervalSec { get; set; }
    public int? ConnectionTimeoutSeconds { get; set; }
    public int? OperationTimeoutSeconds { get; set; }

    /// <summary>A proxy for every host but loopback; the proxy variables win over one saved in the file.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Go direct, whatever the proxy variables and the system say.</summary>
    public bool? NoProxy { get; set; }

    /// <summary>Answer a proxy's challenge with the signed-in user's credentials.</summary>
    public bool? ProxyUseDefaultCredentials { get; set; }

    /// <summary>A certificate file whose authority is trusted besides the system's (a TLS-inspecting proxy's).</summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>The HTTP version asked for: 1.1 or 2.0.</summary>
    public string? HttpVersion { get; set; }

    /// <summary>Keep every call in the local history (off unless set; -NoHistory leaves one call out).</summary>
    public bool? History { get; set; }

    /// <summary>The proxy's user name, when its password is kept in a vault (<see cref="ProxySecretName"/>).</summary>
    public string? ProxyUserName { get; set; }

    /// <summary>The SecretManagement secret that holds the proxy's password, as the key's is kept: the file names it, never holds it.</summary>
    public string? ProxySecretName { get; set; }

    /// <summary>The vault of that secret; null for the default vault.</summary>
    public string? ProxyVault { get; set; }

    /// <summary>The proxy's credential, for this session only: a credential is never written to the file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ProxyLogin? ProxyCredential { get; set; }

    /// <summary>The total time one call may take, retries included.</summary>
    public int? TimeoutSec { get; set; }

    /// <summary>The largest reply accepted, in megabytes.</summary>
    public int? MaximumReplySizeMB { get; set; }

    /// <summary>Where the API key will come from, in words (never the key); set on the effective configuration.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? CredentialSource { get; set; }

    /// <summary>For the effective configuration: where each value comes from (default, file, session, environment).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public System.Collections.Generic.Dictionary<string, string> Sources { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where a setting's value comes from, or null when not known (a file's or a session's own settings).</summary>
    public string? SourceOf(string name) => Sources.TryGetValue(name, out var source) ? source : null;

    /// <summary>Where this configuration was read from or will be written to.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Path { get; set; }

    public EvolinkConfiguration Copy()
    {
        var copy = (EvolinkConfiguration)MemberwiseClone();
        copy.Sources = new System.Collections.Generic.Dictionary<string, string>(Sources, StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    /// <summary>Makes this secret the key to use.</summary>
    public bool UseSecret(string secretName, string? vault)
    {
        SecretName = secretName;
        Vault = vault;
        return true;
    }

    /// <summary>Forgets the key's secret if it is this one; true when it was.</summary>
    public bool ForgetSecret(string secretName, string? vault)
    {
        if (!string.Equals(SecretName, secretName, StringComparison.OrdinalIgnoreCase) || Vault != vault)
            return false;
        SecretName = null;
        Vault = null;
        return true;
    }
}

/// <summary>How settings combine: a session's own settings win over the saved file's.</summary>
public static class ConfigurationLayers
{
    /// <summary>
    /// Every setting as a call would use it, with where each comes from: the
    /// session's settings, then EVOLINK_BASE_URL (for the base URI), then the
    /// saved file, then the built-in default.
    /// </summary>
    public static EvolinkConfiguration Effective(EvolinkConfiguration session, EvolinkConfiguration saved, Func<string, string?> environment)
    {
        var result = new EvolinkConfiguration { Path = saved.Path };
        T Pick<T>(string name, T? fromSession, T? fromFile, T fallback) where T : class
        {
            result.Sources[name] = fromSession is not null ? "session" : fromFile is not null ? "file" : "default";
            return fromSession ?? fromFile ?? fallback;
        }
        T? PickOptional<T>(string name, T? fromSession, T? fromFile) where T : class
        {
            if (fromSession is not null || fromFile is not null)
                result.Sources[name] = fromSession is not null ? "session" : "file";
            return fromSession ?? fromFile;
        }
        TValue PickValue<TValue>(string name, TValue? fromSession, TValue? fromFile, TValue fallback) where TValue : struct
        {
            result.Sources[name] = fromSession is not null ? "session" : fromFile is not null ? "file" : "default";
            return fromSession ?? fromFile ?? fallback;
        }
        result.DefaultModel = Pick(nameof(EvolinkConfiguration.DefaultModel), session.DefaultModel, saved.DefaultModel, EvolinkClientOptions.DefaultModelId);
        // The same order a command uses (SettingsResolver): session, environment, file, default.
        result.BaseUri = Pick(nameof(EvolinkConfiguration.BaseUri), session.BaseUri, saved.BaseUri, EvolinkClientOptions.DefaultBaseUri);
        if (session.BaseUri is null && !string.IsNullOrWhiteSpace(environment(EvolinkClientOptions.BaseUriEnvironmentVariable)))
        {
            try
            {
                result.BaseUri = SettingsResolver.BaseUri(null, session, saved, environment).BaseUri;
                result.Sources[nameof(EvolinkConfiguration.BaseUri)] = "environment (" + EvolinkClientOptions.BaseUriEnvironmentVariable + ")";
            }
            catch (EvolinkException)
            {
                // A malformed EVOLINK_BASE_URL is reported by the commands that would use it.
            }
        }
        result.SecretName = session.SecretName ?? saved.SecretName;
        result.Vault = session.Vault ?? saved.Vault;
        result.MaximumRetryCount = PickValue(nameof(EvolinkConfiguration.MaximumRetryCount), session.MaximumRetryCount, saved.MaximumRetryCount, EvolinkLimits.DefaultRetryCount);
        result.RetryIntervalSec = PickValue(nameof(EvolinkConfiguration.RetryIntervalSec), session.RetryIntervalSec, saved.RetryIntervalSec, EvolinkLimits.DefaultRetryIntervalSec);
        result.ConnectionTimeoutSeconds = PickValue(nameof(EvolinkConfiguration.ConnectionTimeoutSeconds), session.ConnectionTimeoutSeconds, saved.ConnectionTimeoutSeconds, EvolinkLimits.DefaultConnectionTimeoutSeconds);
        result.OperationTimeoutSeconds = PickValue(nameof(EvolinkConfiguration.OperationTimeoutSeconds), session.OperationTimeoutSeconds, saved.OperationTimeoutSeconds, EvolinkLimits.DefaultOperationTimeoutSeconds);
        result.TimeoutSec = PickValue(nameof(EvolinkConfiguration.TimeoutSec), session.TimeoutSec, saved.TimeoutSec, EvolinkLimits.DefaultTotalTimeoutSeconds);
        result.MaximumReplySizeMB = PickValue(nameof(EvolinkConfiguration.MaximumReplySizeMB), session.MaximumReplySizeMB, saved.MaximumReplySizeMB, EvolinkLimits.DefaultMaxReplyMegabytes);
        result.Proxy = PickOptional(nameof(EvolinkConfiguration.Proxy), session.Proxy, saved.Proxy);
        result.NoProxy = PickValue(nameof(EvolinkConfiguration.NoProxy), session.NoProxy, saved.NoProxy, false);
        result.ProxyUseDefaultCredentials = PickValue(nameof(EvolinkConfiguration.ProxyUseDefaultCredentials), session.ProxyUseDefaultCredentials, saved.ProxyUseDefaultCredentials, false);
        result.CertificateAuthorityFile = PickOptional(nameof(EvolinkConfiguration.CertificateAuthorityFile), session.CertificateAuthorityFile, saved.CertificateAuthorityFile);
        result.HttpVersion = PickOptional(nameof(EvolinkConfiguration.HttpVersion), session.HttpVersion, saved.HttpVersion);
        result.ProxyCredential = session.ProxyCredential;
        result.History = PickValue(nameof(EvolinkConfiguration.History), session.History, saved.History, false);
        result.ProxyUserName = PickOptional(nameof(EvolinkConfiguration.ProxyUserName), session.ProxyUserName, saved.ProxyUserName);
        result.ProxySecretName = PickOptional(nameof(EvolinkConfiguration.ProxySecretName), session.ProxySecretName, saved.ProxySecretName);
        result.ProxyVault = PickOptional(nameof(EvolinkConfiguration.ProxyVault), session.ProxyVault, saved.ProxyVault);
        if (result.Proxy is null && !result.NoProxy!.Value && ProxyVariables.From(environment).Any)
            result.Sources[nameof(EvolinkConfiguration.Proxy)] = "environment (proxy variables)";
        result.CredentialSource = result.SecretName is not null
            ? $"{ApiKeyResolver.SecretLabel(result.SecretName, result.Vault)} ({(session.SecretName is not null ? "session" : "file")})"
            : !string.IsNullOrWhiteSpace(environment(ApiKeyResolver.EnvironmentVariable))
                ? "environment (" + ApiKeyResolver.EnvironmentVariable + ")"
                : null;
        result.Sources[nameof(EvolinkConfiguration.CredentialSource)] = result.SecretName is not null ? (session.SecretName is not null ? "session" : "file") : "environment";
        return result;
    }
}
