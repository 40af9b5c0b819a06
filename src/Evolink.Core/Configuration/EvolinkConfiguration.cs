using System;

namespace Evolink;

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

    /// <summary>The total time one call may take, retries included.</summary>
    public int? TimeoutSec { get; set; }

    /// <summary>The largest reply accepted, in megabytes.</summary>
    public int? MaximumReplySizeMB { get; set; }

    /// <summary>Where this configuration was read from or will be written to.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Path { get; set; }

    public EvolinkConfiguration Copy() => (EvolinkConfiguration)MemberwiseClone();

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
    public static EvolinkConfiguration Merge(EvolinkConfiguration session, EvolinkConfiguration saved) => new()
    {
        DefaultModel = session.DefaultModel ?? saved.DefaultModel,
        BaseUri = session.BaseUri ?? saved.BaseUri,
        SecretName = session.SecretName ?? saved.SecretName,
        Vault = session.Vault ?? saved.Vault,
        MaximumRetryCount = session.MaximumRetryCount ?? saved.MaximumRetryCount,
        RetryIntervalSec = session.RetryIntervalSec ?? saved.RetryIntervalSec,
        ConnectionTimeoutSeconds = session.ConnectionTimeoutSeconds ?? saved.ConnectionTimeoutSeconds,
        OperationTimeoutSeconds = session.OperationTimeoutSeconds ?? saved.OperationTimeoutSeconds,
        TimeoutSec = session.TimeoutSec ?? saved.TimeoutSec,
        MaximumReplySizeMB = session.MaximumReplySizeMB ?? saved.MaximumReplySizeMB,
        Path = saved.Path,
    };
}
