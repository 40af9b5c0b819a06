using System;
using System.Management.Automation;
using System.Security;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// The connection parameters of every cmdlet that talks to the gateway, with
/// Invoke-RestMethod's names and meanings, and the client built from them.
/// Each parameter is named after the setting it gives (Evolink.Configuration.Settings
/// declares its range, default and precedence); a parameter given wins over
/// the session's settings, the environment, the saved file and the default.
/// </summary>
public abstract partial class EvolinkGatewayCmdlet : EvolinkCmdlet
{
    /// <summary>The Evolink API key, as a SecureString. Without it the key comes from -SecretName, the saved configuration's secret, or EVOLINK_API_KEY, in that order.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>The SecretManagement secret that holds the key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretName { get; set; }

    /// <summary>The vault of -SecretName; the default vault when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    /// <summary>The gateway's root, e.g. https://api.evolink.ai. Without it: EVOLINK_BASE_URL, the saved configuration, then https://direct.evolink.ai (which falls back to https://api.evolink.ai when it fails).</summary>
    [Parameter]
    [ValidateGatewayUri]
    [PSDefaultValue(Help = "EVOLINK_BASE_URL, the saved base URI, or https://direct.evolink.ai (falling back to https://api.evolink.ai)")]
    public Uri? BaseUri { get; set; }

    /// <summary>Send the key over plain http:// to a host that is not this machine.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>Seconds to connect, send and get the reply headers; 0 for no limit. Default 300.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumTimeoutSeconds, Settings.Limits.MaximumTimeoutSeconds)]
    public int ConnectionTimeoutSeconds { get; set; } = Settings.Limits.DefaultConnectionTimeoutSeconds;

    /// <summary>The longest silence, in seconds, while a reply's body arrives; 0 for no limit. Default 120.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumTimeoutSeconds, Settings.Limits.MaximumTimeoutSeconds)]
    public int OperationTimeoutSeconds { get; set; } = Settings.Limits.DefaultOperationTimeoutSeconds;

    /// <summary>The most seconds one call may take in all, retries and a stream's last byte included; 0 for no limit. Default 600.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumTimeoutSeconds, Settings.Limits.MaximumTimeoutSeconds)]
    public int TimeoutSec { get; set; } = Settings.Limits.DefaultTotalTimeoutSeconds;

    /// <summary>The largest reply accepted, in megabytes (after decompression); a larger one is an error. Default 64.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumReplyMegabytes, Settings.Limits.MaximumReplyMegabytes)]
    public int MaximumReplySizeMB { get; set; } = Settings.Limits.DefaultMaxReplyMegabytes;

    /// <summary>How many times a request that failed with 408, 429 or 5xx, or could not connect, is sent again. Default 3.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumRetryCount, Settings.Limits.MaximumRetryCount)]
    public int MaximumRetryCount { get; set; } = Settings.Limits.DefaultRetryCount;

    /// <summary>The first wait between retries; later waits double, with jitter. Default 1.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumRetryIntervalSec, Settings.Limits.MaximumRetryIntervalSec)]
    public double RetryIntervalSec { get; set; } = Settings.Limits.DefaultRetryIntervalSec;

    protected EvolinkClient? Client { get; private set; }

    /// <summary>The settings the client was built from.</summary>
    private protected ResolvedSettings? Resolved { get; private set; }

    /// <summary>Builds the client once; a problem every input would hit (no key, bad base URI) stops the command here.</summary>
    protected override void BeginProcessing()
    {
        try
        {
            Resolved = ResolveSettings();
            Client = new EvolinkClient(Resolved.Options);
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
    }

    /// <summary>The settings this command uses, from what was typed down to the defaults; logs go to the verbose and debug streams.</summary>
    private protected ResolvedSettings ResolveSettings()
    {
        // The import's warm-up runs a chat in a runspace of its own: nothing but what it gave, answered in memory.
        if (WarmUpRunspace.IsCurrent)
            return WarmUpRunspace.Resolve(Given());
        var saved = ConfigurationStore.ForCurrentUser().Load(out var problem);
        if (problem is not null)
            Warning(Advice.For(problem));
        var resolved = SettingsResolver.Resolve(Given(), SessionSettings.Current, saved, Environment.GetEnvironmentVariable, new PowerShellSecretStore(this));
        // Once Ctrl+C has stopped the pipeline, PowerShell refuses every Write; Enter-EvolinkChat goes on after it, quietly.
        // Log lines can quote the network (a gateway's message on a retry): written out visibly, like every host write.
        resolved.Options.Log = message => Post(() => { if (!Stopping) Verbose(ScreenText.Safe(message)); });
        if (DebugWanted)
            resolved.Options.LogDebug = message => Post(() => { if (!Stopping) Debug(ScreenText.Safe(message)); });
        Verbose($"Using the API key from {Advice.Source(resolved.Key)}; gateway {resolved.Options.BaseUri}.");
        return resolved;
    }
}
